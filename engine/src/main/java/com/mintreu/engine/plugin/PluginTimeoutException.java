package com.mintreu.engine.plugin;

import java.time.Duration;

/** A plugin call did not return within the timeout ({@link PluginErrorCode#PLUGIN_TIMEOUT}); it may still complete. */
public final class PluginTimeoutException extends PluginCallException {

    public PluginTimeoutException(String pluginId, String operation, Duration timeout) {
        super(PluginErrorCode.PLUGIN_TIMEOUT, pluginId, operation, "no answer within " + timeout.toMillis() + " ms", null);
    }
}
