package com.mintreu.engine.entitlement;

import java.util.Map;

/**
 * Something a customer may use, granted for one paid order line by the line's product type.
 * {@code data} is the grant's kind-specific settings (e.g. {@code maxDownloads}); {@code uses}
 * counts consumed uses (downloads). Times are epoch ms; {@code expiresAt} null = never;
 * {@code updatesUntil}: a subscription's download gets releases published up to then (null = all).
 */
public record Entitlement(String id, String customerId, String orderId, String lineId, String productId, String title, String kind,
        Map<String, String> data, Status status, int uses, long createdAt, Long expiresAt, Long revokedAt, Long updatesUntil) {

    public static final String DOWNLOAD = "download";
    public static final String LICENSE = "license";

    /** Active until revoked (refund, chargeback, admin). */
    public enum Status { ACTIVE, REVOKED }

    public Entitlement {
        data = Map.copyOf(data);
    }

    /** A new grant: updates are not limited until a subscription says so. */
    public Entitlement(String id, String customerId, String orderId, String lineId, String productId, String title, String kind,
            Map<String, String> data, Status status, int uses, long createdAt, Long expiresAt, Long revokedAt) {
        this(id, customerId, orderId, lineId, productId, title, kind, data, status, uses, createdAt, expiresAt, revokedAt, null);
    }

    /** Whether this purchase may have a release published at {@code releasedAt} (epoch ms). */
    public boolean coversRelease(long releasedAt) {
        return updatesUntil == null || releasedAt <= updatesUntil;
    }

    public boolean usableAt(long nowMillis) {
        return status == Status.ACTIVE && (expiresAt == null || nowMillis < expiresAt);
    }

    /** A download's limit; the product type's default of 5 when the grant data lacks a sane one. */
    public int maxDownloads() {
        try {
            return Math.max(0, Integer.parseInt(data.getOrDefault("maxDownloads", "5").strip()));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    /** How long a link for this download may live, in hours, as the product asked; null when it did not say. */
    public Integer linkTtlHours() {
        try {
            String raw = data.get("linkTtlHours");
            return raw == null ? null : Math.max(1, Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
