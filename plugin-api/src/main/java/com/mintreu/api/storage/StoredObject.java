package com.mintreu.api.storage;

import java.util.Locale;

/**
 * What a {@link StorageBackend} holds under a key.
 *
 * @param key    the object key, as given to {@link StorageBackend#put}
 * @param size   the size in bytes
 * @param sha256 the SHA-256 of the content, 64 lower-case hex digits
 */
public record StoredObject(String key, long size, String sha256) {

    /** Checks the key, a non-negative size and the form of the digest. */
    public StoredObject {
        StorageKey.check(key);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
    }
}
