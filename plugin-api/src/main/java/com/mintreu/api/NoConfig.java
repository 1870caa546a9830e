package com.mintreu.api;

/**
 * The configuration of an extension that has none: binding fails with "unknown key" for any
 * key given under {@code plugins.<plugin-id>.config}.
 */
public record NoConfig() {
}
