package com.mintreu.api.helpdesk;

/** A helpdesk call that could not be done as asked; nothing was written. */
public final class HelpdeskException extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** The ticket does not exist. */
        NOT_FOUND,
        /** The ticket is not in a status the asked move is allowed from, or the id exists already. */
        CONFLICT
    }

    private final Reason reason;

    public HelpdeskException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
