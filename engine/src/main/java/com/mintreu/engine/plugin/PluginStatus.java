package com.mintreu.engine.plugin;

import java.nio.file.Path;

/**
 * What became of one plugin found in the plugins folder, for {@code mintreu plugins list}, the
 * admin page and the log.
 *
 * @param id      the plugin id, or the file name when the descriptor could not be read
 * @param version the plugin version, or {@code "?"} when unknown
 * @param path    the zip or folder it was loaded from
 * @param state   what happened
 * @param reason  why it is FAILED or DISABLED; empty otherwise
 */
public record PluginStatus(String id, String version, Path path, State state, String reason) {

    /** The life of a plugin as the engine reports it. */
    public enum State {
        /** Loaded, configured, migrated and every extension started: usable. */
        STARTED,
        /** {@code plugins.<id>.enabled: false}: found but not loaded on purpose. */
        DISABLED,
        /** Could not load, resolve, configure, migrate or start; see the reason. The engine runs without it. */
        FAILED,
        /** Was started and has been stopped by {@link PluginHost#close()}. */
        STOPPED,
        /**
         * Passed {@link PluginHost#check()} ({@code mintreu plugins list}): loads, resolves, its classes
         * can be made and its config is valid. Its migrations and {@code start} did not run, so it
         * can still fail when the engine starts it.
         */
        READY
    }

    PluginStatus withState(State newState) {
        return new PluginStatus(id, version, path, newState, reason);
    }
}
