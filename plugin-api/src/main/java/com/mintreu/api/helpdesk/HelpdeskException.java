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

    /** @param message what was refused, naming the ticket; shown to the engine's log and caller, so no personal data */
    public HelpdeskException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the call was refused. */
    public Reason reason() {
        return reason;
    }
}
