package com.mintreu.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;

/** YAML in (as a tree for {@link ConfigBinder}) and out (for {@code mintreu config check}). */
public final class ConfigYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ConfigYaml() {}

    /**
     * The tree of {@code yaml}; blank text or a document holding only {@code null} is an empty mapping.
     *
     * @throws ConfigException with one problem at {@code (yaml)} naming the line and column
     */
    public static JsonNode read(String yaml) {
        JsonNode tree;
        try {
            tree = yaml.isBlank() ? null : YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(List.of(new ConfigProblem("(yaml)", "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        return tree == null || tree.isMissingNode() || tree.isNull() ? JsonNodeFactory.instance.objectNode() : tree;
    }

    /** {@code tree} as YAML text, without a document marker and with as few quotes as possible. */
    public static String write(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
