package com.mintreu.engine.web;

/**
 * How a call into a plugin that did not complete is answered over HTTP, whether the route is the
 * plugin's own ({@code /plugins/<id>/...}) or an engine route that called a plugin. A plugin that
 * threw is not here: that is an unexpected error (500 with an error id in the log).
 */
enum PluginError implements ErrorCode {
    /** The plugin did not answer within {@code engine.pluginCallTimeout}; what it did is unknown. */
    PLUGIN_TIMEOUT(504, "The plugin did not answer in time"),
    /** The plugin's share of call threads is taken (its calls hang or it is overloaded); the call never reached it. */
    PLUGIN_BUSY(503, "The plugin is busy; try again shortly");

    private final int status;
    private final String title;

    PluginError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
