package com.mintreu.engine.ledger;

/**
 * The names of ledger accounts. An account is a plain string so that later features (gateways,
 * affiliates, payouts) add accounts without a migration: {@code kind} or {@code kind:<id>}.
 */
public final class Accounts {

    /** Where a customer's payments come from (all customers: who paid is on the order). */
    public static final String CUSTOMER = "customer";
    /** The marketplace's fees. */
    public static final String PLATFORM_FEES = "platform:fees";

    private Accounts() {}

    /** What the marketplace owes one seller. */
    public static String seller(String userId) {
        return "seller:" + userId;
    }

    /** What the marketplace owes one affiliate (their commissions). */
    public static String affiliate(String affiliateId) {
        return "affiliate:" + affiliateId;
    }
}
