package com.mintreu.api.license;

/**
 * A scheme could not issue a key or file (no signing key, claims it cannot encode). Never thrown
 * by {@link LicenseScheme#verify(String)}. Messages must not contain private key material.
 */
public class LicenseException extends RuntimeException {

    /** A failure with a message naming what could not be done. */
    public LicenseException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}, typically a JCA exception. */
    public LicenseException(String message, Throwable cause) {
        super(message, cause);
    }
}
