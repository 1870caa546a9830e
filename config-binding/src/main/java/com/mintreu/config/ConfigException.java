package com.mintreu.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when configuration cannot be bound; carries every problem found, not just the first. */
public final class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    /** @param problems every problem found, in the order found; the message lists them one a line */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ", "invalid configuration:\n  ", "")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each with its YAML path. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
