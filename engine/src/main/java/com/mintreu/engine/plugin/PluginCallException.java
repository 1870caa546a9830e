package com.mintreu.engine.plugin;

/**
 * A call into a plugin failed. {@link #code()} says how; the message names the plugin id and the
 * operation. Catch {@link PluginTimeoutException} first where a timeout must be treated as
 * "unknown outcome" (payments), not as a failure.
 */
public class PluginCallException extends RuntimeException {

    private final PluginErrorCode code;
    private final String pluginId;
    private final String operation;

    public PluginCallException(PluginErrorCode code, String pluginId, String operation, String detail, Throwable cause) {
        super(code + ": plugin '" + pluginId + "' " + operation + ": " + detail, cause);
        this.code = code;
        this.pluginId = pluginId;
        this.operation = operation;
    }

    public PluginErrorCode code() {
        return code;
    }

    public String pluginId() {
        return pluginId;
    }

    public String operation() {
        return operation;
    }
}
