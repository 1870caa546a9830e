package com.mintreu.api.license;

/**
 * The result of checking a license key offline. Never an exception: garbage in gives
 * {@code wellFormed = false}.
 *
 * @param wellFormed     the input has the scheme's format and could be decoded
 * @param signatureValid the signature verifies with a published key of the scheme
 * @param expired        the claims' expiry has passed (by the scheme's clock); false without claims
 * @param keyId          the signing key id found in the key, or null when not well-formed
 * @param claims         the decoded claims when well-formed (even with a bad signature, so support
 *                       can see what was claimed; never trust them unless {@link #valid()}), else null
 * @param problem        a short, stable reason when not valid, e.g. {@code malformed},
 *                       {@code unknown_key}, {@code bad_signature}, {@code expired}; null when valid
 */
public record KeyCheck(boolean wellFormed, boolean signatureValid, boolean expired, String keyId, LicenseClaims claims,
        String problem) {

    /** A key that cannot be decoded at all. */
    public static KeyCheck malformed(String problem) {
        return new KeyCheck(false, false, false, null, null, problem);
    }

    /** Well-formed, signed by a known key, and not expired. */
    public boolean valid() {
        return wellFormed && signatureValid && !expired;
    }
}
