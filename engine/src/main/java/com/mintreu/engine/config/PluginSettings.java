package com.mintreu.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.config.Setting;

/** {@code plugins.<id>}: whether the plugin runs, and its own config subtree (bound by the plugin host). */
public record PluginSettings(
        @Setting(help = "false keeps the plugin from loading") boolean enabled,
        @Setting(help = "the plugin's own settings, checked against its config record") JsonNode config) {

    static PluginSettings defaults() {
        return new PluginSettings(true, null);
    }
}
