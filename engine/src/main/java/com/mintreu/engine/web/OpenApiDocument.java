package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 document of {@code /api/v1}, assembled from one fragment per feature so each
 * feature documents its own routes: {@code openapi/<feature>.yaml} on the classpath, where
 * {@code <feature>} is the engine package ({@code com.mintreu.engine.<feature>...}) of a
 * {@link Routes} class that registered an {@code /api/v1} route. {@code openapi/openapi.yaml} is
 * the base: {@code openapi}, {@code info}, security schemes and the shared schemas (Problem, Timestamp...).
 * A fragment adds {@code paths}, {@code components} and {@code tags} only; the same method and path in
 * two fragments, or one component name with two different contents, is an error naming both.
 */
public final class OpenApiDocument {

    static final String BASE = "/openapi/openapi.yaml";
    private static final String ENGINE = "com.mintreu.engine.";
    private static final YAMLMapper YAML = new YAMLMapper();

    private OpenApiDocument() {}

    /** The feature a {@link Routes} class belongs to: the package segment after {@code com.mintreu.engine}. */
    public static String feature(Class<?> owner) {
        String pkg = owner.getPackageName();
        if (!pkg.startsWith(ENGINE)) {
            throw new IllegalArgumentException(owner.getName() + " is not an engine class");
        }
        String rest = pkg.substring(ENGINE.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The features whose routes serve {@code /api/v1}, from the router's registered routes. */
    public static Set<String> apiFeatures(Collection<Router.Route> routes) {
        Set<String> features = new TreeSet<>();
        for (Router.Route r : routes) {
            if (r.path().startsWith("/api/v1/") && r.owner() != null) {
                features.add(feature(r.owner()));
            }
        }
        return features;
    }

    /** The base document with the fragment of each feature that has one merged in. */
    public static ObjectNode assemble(Collection<String> features) {
        ObjectNode doc = (ObjectNode) read(BASE);
        for (String feature : new TreeSet<>(features)) {
            String resource = "/openapi/" + feature + ".yaml";
            if (OpenApiDocument.class.getResource(resource) != null) {
                merge(doc, read(resource), resource);
            }
        }
        return doc;
    }

    static void merge(ObjectNode doc, JsonNode fragment, String name) {
        for (Iterator<String> it = fragment.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!Set.of("paths", "components", "tags").contains(key)) {
                throw new IllegalStateException(name + ": a fragment may hold paths, components and tags, not '" + key + "'");
            }
        }
        ObjectNode paths = doc.withObject("/paths");
        for (Map.Entry<String, JsonNode> path : fragment.path("paths").properties()) {
            ObjectNode target = paths.withObject("/" + path.getKey().replace("~", "~0").replace("/", "~1"));
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (target.has(op.getKey())) {
                    throw new IllegalStateException(name + ": " + op.getKey().toUpperCase() + " " + path.getKey() + " is documented twice");
                }
                target.set(op.getKey(), op.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> section : fragment.path("components").properties()) {
            ObjectNode target = doc.withObject("/components").withObject("/" + section.getKey());
            for (Map.Entry<String, JsonNode> c : section.getValue().properties()) {
                JsonNode before = target.get(c.getKey());
                if (before != null && !before.equals(c.getValue())) {
                    throw new IllegalStateException(name + ": components." + section.getKey() + "." + c.getKey() + " differs from an earlier fragment's");
                }
                target.set(c.getKey(), c.getValue());
            }
        }
        fragment.path("tags").forEach(doc.withArray("/tags")::add);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is missing from the engine jar");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
