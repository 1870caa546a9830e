package com.mintreu.engine.web;

/**
 * A stable error: the {@code code} a client may switch on, the HTTP status, and a short title.
 * Each feature declares its own codes as an enum implementing this.
 */
public interface ErrorCode {

    /** Stable, upper-snake-case; never renamed once released. */
    String code();

    int status();

    String title();
}
