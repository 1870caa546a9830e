package com.mintreu.engine.catalog;

import java.util.Map;
import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;

/**
 * One way to buy a product: a name, a price and what it grants, in the seller's words; sold once,
 * or as a subscription when it has a {@link Recurrence} (null for one-time).
 */
public record Plan(String id, String productId, String name, Money price, String grants, long createdAt, Recurrence recurrence,
        Map<String, String> attributes) {

    public Plan {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A plan without attributes of its own. */
    public Plan(String id, String productId, String name, Money price, String grants, long createdAt, Recurrence recurrence) {
        this(id, productId, name, price, grants, createdAt, recurrence, Map.of());
    }

    public boolean recurring() {
        return recurrence != null;
    }

    /** The price as shoppers read it: {@code 19.00 EUR}, or {@code 29.00 EUR / month, 14-day free trial}. */
    public String priceText() {
        return recurrence == null ? MoneyText.format(price) : recurrence.describe(price);
    }
}
