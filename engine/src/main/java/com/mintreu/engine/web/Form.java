package com.mintreu.engine.web;

import java.util.Map;
import java.util.Optional;

/** The fields of a submitted HTML form (first value of each name). */
public record Form(Map<String, String> values) {

    public Form {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value, or "" when absent: forms send empty inputs as empty strings anyway. */
    public String text(String name) {
        return values.getOrDefault(name, "");
    }
}
