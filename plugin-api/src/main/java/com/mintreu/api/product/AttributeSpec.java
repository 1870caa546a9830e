package com.mintreu.api.product;

/**
 * One extra field of a product type on the seller's form.
 *
 * @param name     key under which the value is stored, {@code [a-z][a-z0-9_]*}
 * @param label    what the form shows
 * @param kind     how the value is entered and checked
 * @param required whether a product cannot be submitted without it
 * @param help     one sentence shown under the field; may be empty
 */
public record AttributeSpec(String name, String label, Kind kind, boolean required, String help) {

    /** Input kinds the engine knows how to render and check. */
    public enum Kind { TEXT, NUMBER, URL, BOOLEAN }
}
