package com.mintreu.api.storage;

/** A {@link StorageBackend} operation failed; {@link #reason()} says how, so callers can map it to a response. */
public class StorageException extends RuntimeException {

    /** Why a storage operation failed. */
    public enum Reason {
        /** The key breaks {@link StorageKey}'s rules; a client error. */
        INVALID_KEY,
        /** The data was larger than the limit given to {@code put}; nothing was stored. */
        TOO_LARGE,
        /** The backend could not read or write (disk full, permission, network); may be retried. */
        IO
    }

    private final Reason reason;

    /** A failure with a message naming the key and what went wrong. */
    public StorageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A failure caused by {@code cause}, typically an {@link java.io.IOException}. */
    public StorageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
