package com.mintreu.engine.license;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A structural JSON Schema checker for the subset our OpenAPI document uses: {@code $ref} into
 * components, {@code type} (one or a list), {@code required}, {@code properties},
 * {@code additionalProperties: false}, {@code items}, {@code enum}, {@code pattern},
 * {@code maxLength}, {@code minimum}/{@code maximum}, {@code maxItems}, {@code allOf}; a response may be a
 * {@code $ref} into {@code components.responses}. Anything else in a schema is
 * ignored; a keyword we start using must be added here first, or the test proves less than it says.
 */
public final class OpenApiChecker {

    private final JsonNode doc;
    private final boolean closed;

    /** {@code closed}: a field an object schema does not list is an error even without {@code additionalProperties: false}. */
    public OpenApiChecker(JsonNode doc, boolean closed) {
        this.doc = doc;
        this.closed = closed;
    }

    /** The schema a response of {@code method path status} with {@code mediaType} is documented with. */
    public JsonNode responseSchema(String path, String method, int status, String mediaType) {
        JsonNode s = resolve(doc.path("paths").path(path).path(method).path("responses").path(String.valueOf(status))).path("content").path(mediaType).path("schema");
        if (s.isMissingNode()) {
            throw new AssertionError("the document has no " + mediaType + " " + status + " response for " + method.toUpperCase() + " " + path);
        }
        return s;
    }

    /** The documented response of {@code method path status}, for one without content. */
    public JsonNode response(String path, String method, int status) {
        JsonNode r = resolve(doc.path("paths").path(path).path(method).path("responses").path(String.valueOf(status)));
        if (r.isMissingNode()) {
            throw new AssertionError("the document has no " + status + " response for " + method.toUpperCase() + " " + path);
        }
        return r;
    }

    /** The documented pattern of a response header in {@code components.headers}. */
    String headerPattern(String header) {
        return doc.path("components").path("headers").path(header).path("schema").path("pattern").asText();
    }

    /** Every violation of {@code schema} by {@code value}, each naming its JSON path; empty when it conforms. */
    public List<String> check(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local refs are supported: " + ref);
            }
            schema = doc.at(ref.substring(1));
            if (schema.isMissingNode()) {
                throw new AssertionError("dangling $ref " + ref);
            }
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        schema = resolve(schema);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, errors);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(at + ": expected " + schema.get("type") + ", got " + value.getNodeType() + " " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            if (schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
                errors.add(at + ": longer than " + schema.get("maxLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                errors.add(at + ": " + value + " does not match " + schema.get("pattern"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                errors.add(at + ": below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                errors.add(at + ": above " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) {
                    errors.add(at + ": required field '" + r.asText() + "' is missing");
                }
            }
            JsonNode props = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), errors);
                } else if (closed && !schema.has("additionalProperties")
                        || schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    errors.add(at + ": undocumented field '" + f.getKey() + "'");
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                errors.add(at + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
                }
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new AssertionError("unknown schema type " + type);
        };
    }
}
