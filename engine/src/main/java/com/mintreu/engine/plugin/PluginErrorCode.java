package com.mintreu.engine.plugin;

/** Stable codes for failed plugin calls; they appear in logs and problem+json responses. */
public enum PluginErrorCode {
    /** The plugin did not answer within the configured call timeout; the outcome is unknown. */
    PLUGIN_TIMEOUT,
    /** The plugin threw. */
    PLUGIN_ERROR,
    /** Every call thread of this plugin was busy and its queue was full (its calls hang or it is overloaded); the call never reached the plugin. */
    PLUGIN_BUSY,
    /** The calling thread was interrupted while waiting; the outcome is unknown. */
    PLUGIN_INTERRUPTED
}
