package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/** API key verification in {@link ApiWalkTest}: a seller's server asks about keys. */
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
