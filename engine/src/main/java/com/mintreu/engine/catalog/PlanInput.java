package com.mintreu.engine.catalog;

/** A plan as a seller sends it: price in minor units of an ISO 4217 currency. */
public record PlanInput(String name, Long priceMinor, String currency, String grants) {}
