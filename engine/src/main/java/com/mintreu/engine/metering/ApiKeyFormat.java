package com.mintreu.engine.metering;

import com.mintreu.engine.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The API key format: {@code mk_live_} + 40 random base62 characters (~238 bits) + a 6-character
 * base62 CRC32 of the random part. A key is 54 characters, so it is never mistaken for a personal API
 * token (46). The checksum rejects a typo, a swapped pair or a truncated paste before any database
 * lookup (CRC32 catches every error within 32 consecutive bits, so every one-character change and
 * every swap of two neighbours), and lets secret scanners recognise real keys. It is not a security
 * measure: anyone can compute it, and a well-formed key still needs a matching stored hash.
 */
final class ApiKeyFormat {

    static final String PREFIX = "mk_live_";
    static final int RANDOM_LENGTH = 40;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** What lists show of a key: the type prefix and 6 random characters. */
    static final int DISPLAY_LENGTH = PREFIX.length() + 6;

    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ApiKeyFormat() {}

    static String generate() {
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        while (random.length() < RANDOM_LENGTH) {
            for (byte b : Tokens.randomBytes(RANDOM_LENGTH)) {
                int v = b & 0xff;
                // 248 = 4 * 62: values above it would make the first characters likelier; skip them
                if (v < 248 && random.length() < RANDOM_LENGTH) {
                    random.append(BASE62.charAt(v % 62));
                }
            }
        }
        return PREFIX + random + checksum(random.toString());
    }

    /** True when {@code key} has the shape and a matching checksum; says nothing about whether it exists. */
    static boolean isWellFormed(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(key.charAt(i)) < 0) {
                return false;
            }
        }
        String random = key.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return Tokens.equal(checksum(random), key.substring(PREFIX.length() + RANDOM_LENGTH));
    }

    static String displayPrefix(String key) {
        return key.substring(0, DISPLAY_LENGTH);
    }

    static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
