package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * One line of an order as the buyer sees it on the provider's page. Informational: the amount to
 * charge is {@link CheckoutRequest#amount()}, which the engine computed and froze.
 *
 * @param name     what was bought, as shown to the buyer
 * @param quantity how many, at least 1
 * @param unit     price of one, in the order's currency
 */
public record CheckoutLine(String name, int quantity, Money unit) {

    public CheckoutLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }
}
