package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** API key verification and usage events in {@link ApiWalkTest}: a seller's server asks about keys and reports usage. */
final class KeyWalk {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private KeyWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        String token = w.post(p.seller().client(), "/api/v1/tokens", Map.of("name", "server"), 201).json().get("token").asText();
        TestClient server = p.e().client().bearer(token);
        String unknown = wellFormed("WalkWalkWalkWalkWalkWalkWalkWalkWalkWalk");
        w.post(server, "/api/v1/keys/verify", Map.of("key", unknown, "cost", 1, "eventId", "walk-1"), 200); // valid: false, NOT_FOUND
        w.post(server, "/api/v1/keys/verify", Map.of("key", "mk_live_typo", "cost", 1), 422);
        w.post(server, "/api/v1/keys/verify", Map.of("key", unknown, "cost", -1), 422);
        w.post(p.anon(), "/api/v1/keys/verify", Map.of("key", unknown), 401);
        w.post(p.customer().client(), "/api/v1/keys/verify", Map.of("key", unknown), 403);

        // usage events: the walk's engine has no API product plugin, so the seller's key is a row on one of the walk's entitlements
        String key = wellFormed("UsageUsageUsageUsageUsageUsageUsageUsage");
        p.e().jdbi().useHandle(h -> h.createUpdate("INSERT INTO api_keys (id, entitlement_id, customer_id, product_id, seller_id, name, key_hash, "
                + "key_prefix, status, created_at) SELECT 'key_walk', id, customer_id, product_id, :seller, 'walk', :hash, :prefix, 'active', 0 "
                + "FROM entitlements ORDER BY id LIMIT 1").bind("seller", p.seller().id()).bind("hash", Tokens.sha256(key))
                .bind("prefix", key.substring(0, 14)).execute());
        Map<String, Object> batch = Map.of("events", List.of(Map.of("eventId", "walk-usage-1", "key", key, "units", 3)));
        w.post(server, "/api/v1/usage", batch, 200);
        w.post(server, "/api/v1/usage", Map.of("events", List.of(Map.of("eventId", "walk-usage-2", "key", unknown, "units", 1))), 422);
        w.post(p.anon(), "/api/v1/usage", batch, 401);
        w.post(p.customer().client(), "/api/v1/usage", batch, 403);
    }

    /** A key of the documented format (metering README): mk_live_ + 40 base62 + the 6-character base62 CRC32 of those 40. */
    static String wellFormed(String random40) {
        CRC32 crc = new CRC32();
        crc.update(random40.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] sum = new char[6];
        for (int i = 5; i >= 0; i--) {
            sum[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return "mk_live_" + random40 + new String(sum);
    }
}
