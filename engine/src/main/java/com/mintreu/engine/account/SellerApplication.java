package com.mintreu.engine.account;

/** A customer's request to sell; an admin approves (granting the seller role) or rejects it with a reason. */
record SellerApplication(String id, String userId, String applicantEmail, String applicantName, String businessName, String description,
        String status, String reason, long createdAt, Long decidedAt) {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";

    boolean pending() {
        return PENDING.equals(status);
    }
}
