package com.mintreu.plugins.productdownload;

import com.mintreu.api.product.ProductType.Problem;
import java.util.List;
import java.util.Map;

/** Reads optional positive-integer attributes the same way in validate and fulfill. */
final class PositiveInts {

    private PositiveInts() {
    }

    /** The attribute's value, or {@code fallback} when absent or blank; null when present but not a positive int. */
    static Integer read(Map<String, String> attributes, String name, int fallback) {
        String raw = attributes.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Adds a problem when the attribute is present but not a positive whole number. */
    static void check(Map<String, String> attributes, String name, List<Problem> problems) {
        if (read(attributes, name, 1) == null) {
            problems.add(new Problem(name, "must be a whole number of at least 1"));
        }
    }
}
