package com.mintreu.api;

import org.pf4j.ExtensionPoint;

/**
 * The root of every Mintreu extension point ({@code StorageBackend}, {@code PaymentGateway}...).
 *
 * <p>A plugin implements a sub-interface and annotates the class with {@code @org.pf4j.Extension}.
 * The engine creates exactly ONE instance per extension class (public no-argument constructor),
 * binds and validates its configuration, runs the plugin's migrations, and then calls
 * {@link #start(PluginContext)} once before any other method. Every engine call into an extension
 * goes through a dispatcher with a timeout, so methods must return in bounded time and must not
 * block forever on I/O.
 *
 * <p>An extension must not reach into engine classes ({@code com.mintreu.engine..}); everything it
 * may use is in {@link PluginContext}.
 */
public interface Extension extends ExtensionPoint {

    /**
     * A stable, unique id for this extension, e.g. {@code "storage-local"}: used in configuration,
     * logs and to select one implementation among several. Lower-case letters, digits and dashes.
     * Called at any time; must be constant and must not do work.
     */
    String id();

    /**
     * The record this extension's settings ({@code plugins.<plugin-id>.config} in the YAML) are
     * bound to before {@link #start(PluginContext)}. Annotate its components with
     * {@link com.mintreu.api.config.Setting} and give it a static {@code defaults()} method for
     * optional values; implement {@link com.mintreu.api.config.Validated} for cross-field rules.
     * The default, {@link NoConfig}, accepts no keys. Must be constant and must not do work.
     */
    default Class<? extends Record> configType() {
        return NoConfig.class;
    }

    /**
     * Called once after the configuration is bound and the plugin's migrations ran, before any
     * other call. Read the config with {@link PluginContext#config(Class)}, register routes and
     * event subscriptions, open resources. Throwing marks the whole plugin FAILED (the engine keeps
     * running without it). Must not start non-daemon threads it does not stop in {@link #stop()}.
     *
     * @param ctx the plugin's narrow view of the engine; keep it for later calls
     * @throws Exception any failure; its message is shown to the operator as the reason
     */
    default void start(PluginContext ctx) throws Exception {
    }

    /**
     * Called once when the engine shuts down (or the plugin is unloaded) after the last call to
     * this extension: release what {@link #start(PluginContext)} opened. Must not throw for
     * "already closed" and must not block for long.
     */
    default void stop() {
    }
}
