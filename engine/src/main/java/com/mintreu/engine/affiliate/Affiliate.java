package com.mintreu.engine.affiliate;

/** A user who refers customers: {@code status} is {@code active} or {@code pending} (waiting for approval). */
public record Affiliate(String id, String userId, String code, String status, long createdAt) {

    public boolean active() {
        return "active".equals(status);
    }
}
