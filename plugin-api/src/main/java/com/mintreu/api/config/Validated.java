package com.mintreu.api.config;

import java.util.List;

/**
 * Implemented by a configuration record whose fields have rules beyond their types
 * (a port range, a URL form, two fields that must agree).
 *
 * <p>The engine calls {@link #problems()} after binding, and reports every problem at once
 * together with binding errors, each with its YAML path. It must not perform I/O.
 */
public interface Validated {

    /** One problem with a field of this record; {@code field} is the record component name. */
    record Problem(String field, String message) {}

    /** Every rule this record breaks; empty when valid. */
    List<Problem> problems();
}
