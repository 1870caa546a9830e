package com.mintreu.engine.cli;

/** An expected command failure: printed as one line, exits with {@link #exitCode()}. */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
