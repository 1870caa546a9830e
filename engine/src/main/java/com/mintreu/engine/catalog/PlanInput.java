package com.mintreu.engine.catalog;

/**
 * A plan as a seller sends it: price in minor units of an ISO 4217 currency. {@code interval}
 * (week, month, year, days) makes it recurring; empty or null keeps it one-time. The other
 * subscription fields are read only for a recurring plan. {@code attributes}: the plan's values of its
 * product type's plan fields ({@code ProductType.planAttributes()}).
 */
public record PlanInput(String name, Long priceMinor, String currency, String grants, String interval, Integer intervalDays,
        Integer trialDays, Boolean trialRequiresPaymentMethod, Boolean seats, java.util.Map<String, String> attributes) {

    /** A plan without attributes of its own. */
    public PlanInput(String name, Long priceMinor, String currency, String grants, String interval, Integer intervalDays,
            Integer trialDays, Boolean trialRequiresPaymentMethod, Boolean seats) {
        this(name, priceMinor, currency, grants, interval, intervalDays, trialDays, trialRequiresPaymentMethod, seats, null);
    }

    /** The same plan with {@code attributes}. */
    public PlanInput withAttributes(java.util.Map<String, String> attributes) {
        return new PlanInput(name, priceMinor, currency, grants, interval, intervalDays, trialDays, trialRequiresPaymentMethod, seats, attributes);
    }

    /** A one-time plan. */
    public PlanInput(String name, Long priceMinor, String currency, String grants) {
        this(name, priceMinor, currency, grants, null, null, null, null, null);
    }
}
