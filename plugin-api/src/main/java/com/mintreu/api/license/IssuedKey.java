package com.mintreu.api.license;

import java.util.Objects;

/**
 * A newly signed license key.
 *
 * @param key    the key string to show the buyer; printable ASCII without spaces
 * @param keyId  the id ({@code kid}) of the signing key, so it can be verified after rotation
 * @param claims the claims as actually signed (times possibly truncated by the scheme)
 */
public record IssuedKey(String key, String keyId, LicenseClaims claims) {

    public IssuedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(claims, "claims");
    }
}
