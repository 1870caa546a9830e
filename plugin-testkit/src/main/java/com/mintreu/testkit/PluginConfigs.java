package com.mintreu.testkit;

import com.mintreu.config.ConfigBinder;
import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigYaml;
import com.mintreu.config.PluginConfigBinding;
import java.util.List;

/**
 * Binds a plugin's config record from YAML with the engine's own binder, for a plugin's tests: the
 * same required fields, unknown keys with "did you mean", types, durations ({@code 30s}, {@code 5m}),
 * {@code defaults()}, {@link com.mintreu.api.config.Validated} rules and secret masking that the
 * engine applies to {@code plugins.<id>.config} before it starts the plugin.
 *
 * <p>The YAML is what goes under {@code config:} in {@code mintreu.yaml}. {@code ${ENV}} references
 * are not expanded here (the engine expands them in the whole file before binding); write values.
 */
public final class PluginConfigs {

    private PluginConfigs() {
    }

    /**
     * The bound record, or every problem at once with the field path ({@code apiKey},
     * {@code retry.timeout}, {@code urls[1]}).
     *
     * @throws ConfigException listing every problem; {@link ConfigException#problems()} has them one by one
     */
    public static <R extends Record> R bind(Class<R> type, String yaml) {
        return ConfigBinder.bind(ConfigYaml.read(yaml), type, "");
    }

    /**
     * The bound record, or every problem at once worded and placed exactly as the engine reports it
     * at start and in {@code mintreu config check}: {@code plugins.<pluginId>.config.<field>: ...}.
     *
     * @throws ConfigException listing every problem
     */
    public static <R extends Record> R bind(String pluginId, Class<R> type, String yaml) {
        return type.cast(PluginConfigBinding.bind(pluginId, ConfigYaml.read(yaml), List.of(type)).get(type));
    }

    /**
     * The config as {@code mintreu config check} prints it: YAML with every
     * {@code @Setting(secret = true)} value replaced by {@code ******}.
     */
    public static String describe(Record config) {
        return ConfigYaml.write(PluginConfigBinding.masked(List.of(config)));
    }
}
