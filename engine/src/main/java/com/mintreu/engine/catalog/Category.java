package com.mintreu.engine.catalog;

/** An admin-managed category. */
public record Category(String id, String slug, String name, int position) {}
