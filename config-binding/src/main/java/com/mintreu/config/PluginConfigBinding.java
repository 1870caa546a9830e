package com.mintreu.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's {@code plugins.<id>.config} subtree bound to its extensions' config records, and shown
 * with secrets masked. One class for the plugin host, {@code mintreu config check} and plugin-testkit,
 * so a plugin's own tests see exactly the problems the engine reports before start.
 */
public final class PluginConfigBinding {

    private PluginConfigBinding() {
    }

    /** The YAML path of a plugin's settings, the prefix of every problem: {@code plugins.<id>.config}. */
    public static String path(String pluginId) {
        return "plugins." + pluginId + ".config";
    }

    /**
     * Binds the plugin's subtree ({@code null}: nothing configured) to each distinct type, every problem at once.
     *
     * @throws ConfigException with every problem, each naming its YAML path ({@code plugins.<id>.config.<field>})
     */
    public static Map<Class<?>, Object> bind(String pluginId, JsonNode subtree, List<Class<? extends Record>> types) {
        String path = path(pluginId);
        Map<Class<?>, Object> configs = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Class<? extends Record> type : types) {
            if (configs.containsKey(type)) {
                continue;
            }
            try {
                configs.put(type, ConfigBinder.bind(subtree, type, path));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(path, "cannot bind " + type.getSimpleName() + ": " + describe(e)));
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
        boolean secret = ConfigBinder.MASK.equals(into.asText(null)) || ConfigBinder.MASK.equals(from.asText(null));
        return secret ? JsonNodeFactory.instance.textNode(ConfigBinder.MASK) : into;
    }

    // as the engine's PluginClasses.describe: reflection's exceptions often carry no message
    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
