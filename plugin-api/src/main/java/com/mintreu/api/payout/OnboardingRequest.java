package com.mintreu.api.payout;

import java.net.URI;
import java.util.Objects;

/**
 * A payee asks to connect their payout account.
 *
 * @param payeeId    the payee (a user id)
 * @param email      the payee's email, to prefill the provider's form; may be null
 * @param returnUrl  the shop page the provider sends the payee back to when they leave the form
 * @param refreshUrl the shop page the provider sends the payee to when the link expired or was used
 */
public record OnboardingRequest(String payeeId, String email, URI returnUrl, URI refreshUrl) {

    public OnboardingRequest {
        Objects.requireNonNull(payeeId, "payeeId");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(refreshUrl, "refreshUrl");
    }
}
