package com.mintreu.engine.account;

import com.mintreu.engine.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The API token format: {@code mk_live_} + 32 random base62 characters (~190 bits) + a 6-character
 * base62 CRC32 of the random part. The checksum lets a typo or a truncated paste be rejected without
 * touching the database, and lets secret scanners recognise real tokens. It is not a security
 * measure: a forger can compute it, and a valid checksum still needs a matching stored hash.
 */
final class ApiTokenFormat {

    static final String PREFIX = "mk_live_";
    static final int RANDOM_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** How much of a token is kept readable in lists: the type prefix and 4 random characters. */
    static final int DISPLAY_LENGTH = PREFIX.length() + 4;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private ApiTokenFormat() {}

    static String generate() {
        byte[] bytes = Tokens.randomBytes(RANDOM_LENGTH);
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        for (byte b : bytes) {
            // 256 is not a multiple of 62; rejection-free modulo would bias, so redraw the biased top values.
            int v = b & 0xff;
            while (v >= 248) {
                v = Tokens.randomBytes(1)[0] & 0xff;
            }
            random.append(BASE62[v % 62]);
        }
        return PREFIX + random + checksum(random.toString());
    }

    /** True when {@code token} has the shape and a matching checksum; says nothing about whether it exists. */
    static boolean isWellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        String random = token.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return Tokens.equal(checksum(random), token.substring(PREFIX.length() + RANDOM_LENGTH));
    }

    static String displayPrefix(String token) {
        return token.substring(0, DISPLAY_LENGTH);
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(out);
    }
}
