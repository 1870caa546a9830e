package com.mintreu.engine.plugin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.config.ConfigBinder;
import com.mintreu.engine.config.ConfigException;
import com.mintreu.engine.config.ConfigProblem;
import com.mintreu.engine.config.PluginSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's {@code plugins.<id>.config} subtree bound to its extensions' config records, and shown
 * with secrets masked. One class for both, so {@code mintreu config check} validates exactly what
 * the plugin host validates before start.
 */
public final class PluginConfigs {

    static final String MASK = "******";

    private PluginConfigs() {
    }

    /**
     * Binds the plugin's subtree to each distinct type, every problem at once.
     *
     * @throws ConfigException with every problem, each naming its YAML path ({@code plugins.<id>.config.<field>})
     */
    public static Map<Class<?>, Object> bind(String pluginId, PluginSettings settings, List<Class<? extends Record>> types) {
        String path = "plugins." + pluginId + ".config";
        Map<Class<?>, Object> configs = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Class<? extends Record> type : types) {
            if (configs.containsKey(type)) {
                continue;
            }
            try {
                configs.put(type, ConfigBinder.bind(settings == null ? null : settings.config(), type, path));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(path, "cannot bind " + type.getSimpleName() + ": " + PluginClasses.describe(e)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return configs;
    }

    /**
     * The bound configs as one tree for display; a value is masked when any extension's record
     * marks it {@code @Setting(secret = true)} (extensions of one plugin may read the same subtree
     * through different records).
     */
    public static JsonNode masked(Collection<Object> configs) {
        JsonNode merged = JsonNodeFactory.instance.objectNode();
        for (Object config : configs) {
            merged = merge(merged, ConfigBinder.masked(config));
        }
        return merged;
    }

    private static JsonNode merge(JsonNode into, JsonNode from) {
        if (into instanceof ObjectNode a && from instanceof ObjectNode b) {
            ObjectNode out = a.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), out.has(e.getKey()) ? merge(out.get(e.getKey()), e.getValue()) : e.getValue());
            }
            return out;
        }
        boolean secret = MASK.equals(into.asText(null)) || MASK.equals(from.asText(null));
        return secret ? JsonNodeFactory.instance.textNode(MASK) : into;
    }
}
