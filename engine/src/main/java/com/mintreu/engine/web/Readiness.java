package com.mintreu.engine.web;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether this engine is ready to serve: set once start-up (and whatever a command does before
 * serving, like the demo's seeding) is complete. {@code /readyz} answers 503 until then, so a load
 * balancer or a script never sends traffic to a half-started node.
 */
@Singleton
public final class Readiness {

    private volatile boolean ready;

    @Inject
    Readiness() {}

    public void markReady() {
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }
}
