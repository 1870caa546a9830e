package com.mintreu.engine;

import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.db.Migrations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine: database migrated, plugins started, HTTP listening. Used by {@code serve}
 * and by the tests, which boot the real thing on port 0.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineComponent component;
    private boolean pluginsStarted;

    private Engine(EngineComponent component) {
        this.component = component;
    }

    /** The engine's object graph without starting anything (CLI commands use parts of it). */
    public static EngineComponent wire(MintreuConfig config, Path home, Clock clock) {
        return DaggerEngineComponent.builder().config(config).paths(EnginePaths.of(home, config.engine())).clock(clock).build();
    }

    public static Engine start(MintreuConfig config, Path home, Clock clock) {
        return start(config, home, clock, component -> {});
    }

    /**
     * Starts the engine, runs {@code beforeReady} (the demo seeds its shop there) while {@code /readyz}
     * still answers 503, then reports ready.
     */
    public static Engine start(MintreuConfig config, Path home, Clock clock, Consumer<EngineComponent> beforeReady) {
        long started = System.nanoTime();
        EngineComponent component = wire(config, home, clock);
        Engine engine = new Engine(component);
        try {
            int applied = new Migrations(component.database()).migrate();
            if (applied > 0) {
                LOG.info("applied {} database migration(s) on {}", applied, component.database().dialect().id());
            }
            component.secrets().master();
            component.pluginHost().start();
            engine.pluginsStarted = true;
            component.gateways().checkDefault();
            component.validationTally().start();
            component.gatewayUsage().start();
            component.hotChanges().start();
            component.webServer().start();
            component.outboxDispatcher().start();
            component.jobScheduler().start();
            beforeReady.accept(component);
            component.readiness().markReady();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        LOG.info("Mintreu started in {} ms at {}", (System.nanoTime() - started) / 1_000_000, engine.baseUrl());
        return engine;
    }

    public EngineComponent component() {
        return component;
    }

    public int port() {
        return component.webServer().port();
    }

    /** Where this engine answers (the configured public URL, or localhost with the bound port). */
    public URI baseUrl() {
        URI configured = component.config().server().publicUrl();
        return component.config().server().port() == 0 ? URI.create("http://127.0.0.1:" + port()) : configured;
    }

    /** Graceful: stops taking requests, lets in-flight ones finish, stops plugins, closes the pool. */
    @Override
    public void close() {
        try {
            component.webServer().close();
            component.validationTally().close();
            component.gatewayUsage().close();
            component.hotChanges().close();
            component.jobScheduler().close();
            component.outboxDispatcher().close();
            if (pluginsStarted) {
                component.pluginHost().close();
            }
        } finally {
            component.database().close();
        }
    }
}
