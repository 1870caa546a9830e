package com.mintreu.api;

import com.mintreu.api.event.Events;
import com.mintreu.api.web.WebRoutes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;

/**
 * What the engine gives a plugin: its configuration and the shared services it may use. Made by
 * the engine, one per plugin, and passed to {@link Extension#start(PluginContext)}; an extension
 * may keep it for its whole life. It is the only door into the engine: plugins must not reach
 * engine classes, PF4J's plugin manager or other plugins' state.
 */
public interface PluginContext {

    /** The plugin id from its descriptor, e.g. {@code "storage-local"}. */
    String pluginId();

    /**
     * The plugin's {@code plugins.<plugin-id>.config} subtree, already bound to {@code type} and
     * validated by the engine before {@code start}. {@code type} must be the
     * {@link Extension#configType()} of one of this plugin's extensions.
     *
     * @throws IllegalArgumentException if no extension of this plugin declared {@code type}
     */
    <C> C config(Class<C> type);

    /**
     * The engine's shared connection pool. Tables a plugin creates must be prefixed with its id
     * (dashes as underscores, e.g. {@code storage_local_objects}); create them with Flyway
     * migrations under {@code db/<plugin-id>/common} and {@code db/<plugin-id>/<dialect>}, which
     * the engine runs before start with a history table of its own. Keep transactions short: the
     * pool is shared with the engine.
     */
    Jdbi jdbi();

    /** The database dialect in use: {@code "sqlite"} or {@code "postgresql"}. */
    String dialect();

    /** The engine's clock; use it instead of {@code Instant.now()} so tests can move time. */
    Clock clock();

    /** The in-process event bus, for publishing and subscribing to topics. */
    Events events();

    /** The public base URL of the shop, e.g. {@code https://shop.example.com}; for links in emails and redirects. */
    URI baseUrl();

    /** Per-purpose keys derived from the engine master secret. */
    Secrets secrets();

    /** A logger named after the plugin. Never log secrets or personal data. */
    Logger logger();

    /** Registers HTTP routes, mounted by the engine under {@code /plugins/<plugin-id>/}. */
    WebRoutes web();

    /**
     * A folder only this plugin writes to, under the engine's data directory; it exists when
     * {@code start} is called. Back it up with the engine's data.
     */
    Path dataDir();

    /**
     * The longest the engine waits for any one of its calls into this plugin ({@code start}, a
     * payment call, a route handler...), set by {@code engine.pluginCallTimeout}. A call still
     * running then is abandoned: the engine answers its caller (a payment call's outcome becomes
     * unknown, a route answers 504) while the plugin's thread keeps running. Size the plugin's own
     * timeouts (HTTP connect and read, locks) below it, leaving room for retries, so the plugin
     * gives up and reports first. The plugin's calls share a bounded set of threads: a call that
     * never returns takes one of them away from the plugin's next calls.
     */
    Duration callTimeout();
}
