package com.mintreu.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.config.ConfigBinder;
import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigProblem;
import com.mintreu.config.ConfigYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code mintreu.yaml}, substitutes {@code ${ENV}} and {@code ${ENV:-default}} in values,
 * and binds the result to {@link MintreuConfig}. Every problem is reported at once.
 */
public final class ConfigLoader {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private ConfigLoader() {}

    /** Loads a file; a missing file is an error (the distribution ships one). */
    public static MintreuConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), "file not found")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), "cannot read: " + e.getMessage())));
        }
        return parse(text, env);
    }

    /** Binds YAML text (may be empty: all defaults). */
    public static MintreuConfig parse(String yaml, Map<String, String> env) {
        JsonNode tree = ConfigYaml.read(yaml);
        List<ConfigProblem> problems = new ArrayList<>();
        substitute(tree, "", env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return ConfigBinder.bind(tree, MintreuConfig.class, "");
    }

    /**
     * The effective config as YAML with secrets masked, for {@code mintreu config check}.
     * {@code pluginConfigs} holds each checked plugin's bound config, already masked by its own
     * record's {@code @Setting(secret = true)}; any other {@code plugins.<id>.config} (plugin not
     * found, disabled or broken) is masked whole, since nothing says which of its values are secrets.
     */
    public static String describe(MintreuConfig config, Map<String, JsonNode> pluginConfigs) {
        JsonNode tree = ConfigBinder.masked(config);
        if (tree.get("plugins") instanceof ObjectNode plugins) {
            plugins.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode settings) {
                    JsonNode checked = pluginConfigs.get(e.getKey());
                    settings.set("config", checked != null ? checked : maskedAll(settings.get("config")));
                }
            });
        }
        return ConfigYaml.write(tree);
    }

    private static JsonNode maskedAll(JsonNode node) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(e -> out.set(e.getKey(), maskedAll(e.getValue())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(v -> out.add(maskedAll(v)));
            return out;
        }
        return JsonNodeFactory.instance.textNode("******");
    }

    private static void substitute(JsonNode node, String path, Map<String, String> env, List<ConfigProblem> problems) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    e.setValue(JsonNodeFactory.instance.textNode(expand(e.getValue().asText(), child, env, problems)));
                } else {
                    substitute(e.getValue(), child, env, problems);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, JsonNodeFactory.instance.textNode(expand(array.get(i).asText(), path + "[" + i + "]", env, problems)));
                } else {
                    substitute(array.get(i), path + "[" + i + "]", env, problems);
                }
            }
        }
    }

    private static String expand(String value, String path, Map<String, String> env, List<ConfigProblem> problems) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = env.get(name);
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                problems.add(new ConfigProblem(path, "environment variable " + name + " is not set and has no default (write ${" + name + ":-default})"));
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
