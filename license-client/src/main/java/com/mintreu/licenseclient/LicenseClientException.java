package com.mintreu.licenseclient;

/** Why the client could not give a trustworthy answer. Switch on {@link #reason()}, not on the message. */
public final class LicenseClientException extends RuntimeException {

    /** The failure kinds; each is a reason to refuse, never to assume the license is fine. */
    public enum Reason {
        /** The server could not be reached and there is no cached answer for this key and scope. */
        UNREACHABLE,
        /** The response or file signature does not verify, or is missing. */
        BAD_SIGNATURE,
        /** The signed answer is for another request (nonce not the one sent): a replay. */
        NONCE_MISMATCH,
        /** The answer's Date is further from the local clock than allowed. */
        CLOCK_SKEW,
        /** No published key has the kid the answer or file names. */
        UNKNOWN_KEY,
        /** The answer or file does not have the documented shape. */
        MALFORMED,
        /** The license file is past its {@code expiry} or issued in the future. */
        FILE_EXPIRED,
        /** The license file is encrypted and the key (and fingerprint) given do not decrypt it. */
        CANNOT_DECRYPT,
        /**
         * The engine answered a signed 429: this IP sent too many unknown keys lately (e.g. someone
         * else behind the same NAT guessing keys). Retry later; validate serves the cached answer meanwhile.
         */
        RATE_LIMITED
    }

    private final Reason reason;

    LicenseClientException(Reason reason, String message) {
        this(reason, message, null);
    }

    LicenseClientException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
