package com.mintreu.engine.catalog;

/**
 * A plan as a seller sends it: price in minor units of an ISO 4217 currency. {@code interval}
 * (week, month, year, days) makes it recurring; empty or null keeps it one-time. The other
 * subscription fields are read only for a recurring plan.
 */
public record PlanInput(String name, Long priceMinor, String currency, String grants, String interval, Integer intervalDays,
        Integer trialDays, Boolean trialRequiresPaymentMethod, Boolean seats) {

    /** A one-time plan. */
    public PlanInput(String name, Long priceMinor, String currency, String grants) {
        this(name, priceMinor, currency, grants, null, null, null, null, null);
    }
}
