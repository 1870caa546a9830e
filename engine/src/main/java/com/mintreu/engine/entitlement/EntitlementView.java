package com.mintreu.engine.entitlement;

/**
 * An entitlement as its owner sees it (pages and API): for a download, a fresh signed link while
 * it can be used; for a license, its key. Times are epoch ms. A subscription's download has
 * {@code updatesUntil} (releases published up to then) and, when the product has a newer one it
 * does not cover, that release's {@code laterVersion}.
 */
public record EntitlementView(String id, String orderId, String productId, String title, String kind, String status, int uses,
        Integer maxDownloads, Long expiresAt, long createdAt, String downloadUrl, LicenseInfo license, Long updatesUntil, String laterVersion) {

    /** The license of a {@code license} entitlement. */
    public record LicenseInfo(String id, String key, String status, Long expiresAt) {}
}
