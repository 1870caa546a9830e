package com.mintreu.api.payment;

import java.util.Objects;

/**
 * A payment method kept by the provider for later charges.
 *
 * @param id      the provider's id of the method ({@code pm_...}); what {@link ChargeRequest} names
 * @param summary one line a buyer recognises, e.g. {@code "Visa •••• 4242"}; never a full number
 */
public record SavedPaymentMethod(String id, String summary) {

    public SavedPaymentMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
    }
}
