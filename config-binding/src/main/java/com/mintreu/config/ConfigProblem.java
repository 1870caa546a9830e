package com.mintreu.config;

/** One thing wrong with the configuration: where (YAML path), what was found, what is expected. */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
