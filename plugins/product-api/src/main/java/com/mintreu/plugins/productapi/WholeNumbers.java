package com.mintreu.plugins.productapi;

import java.util.Map;

/** Reads an optional positive whole-number attribute the same way in validate and fulfill. */
record WholeNumbers(Long value, boolean isInvalid) {

    static WholeNumbers read(Map<String, String> attributes, String name) {
        String raw = attributes.get(name);
        if (raw == null || raw.isBlank()) {
            return new WholeNumbers(null, false);
        }
        try {
            long v = Long.parseLong(raw.strip());
            return v >= 1 ? new WholeNumbers(v, false) : new WholeNumbers(null, true);
        } catch (NumberFormatException e) {
            return new WholeNumbers(null, true);
        }
    }
}
