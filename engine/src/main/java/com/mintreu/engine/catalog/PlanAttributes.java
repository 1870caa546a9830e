package com.mintreu.engine.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.mintreu.engine.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plan's own attributes (its product type's plan fields): stored as a JSON object of strings, empty values dropped. */
final class PlanAttributes {

    private PlanAttributes() {}

    /** The values a seller sent, stripped, without empty ones (an empty field means "not set"). */
    static Map<String, String> clean(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    out.put(k, v.strip());
                }
            });
        }
        return out;
    }

    static String toJson(Map<String, String> attributes) {
        try {
            return Json.MAPPER.writeValueAsString(attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
