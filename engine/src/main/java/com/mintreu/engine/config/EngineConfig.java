package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import java.nio.file.Path;
import java.time.Duration;

/** Folders and engine-wide settings. Relative paths resolve against the working directory. */
public record EngineConfig(
        @Setting(help = "folder for the SQLite file and local data") Path dataDir,
        @Setting(help = "folder scanned for plugin zips") Path pluginsDir,
        @Setting(help = "folder holding themes; the default theme is built in") Path themesDir,
        @Setting(help = "the storefront theme to use") String theme,
        @Setting(help = "longest a call into a plugin may take") Duration pluginCallTimeout) {

    static EngineConfig defaults() {
        return new EngineConfig(Path.of("data"), Path.of("plugins"), Path.of("themes"), "default", Duration.ofSeconds(10));
    }
}
