package com.mintreu.engine.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a seller sends to create or replace a product (JSON body or form). Absent fields are null;
 * an empty slug is derived from the title; {@code categories} are category slugs.
 */
public record ProductInput(String title, String slug, String description, String type, Map<String, String> attributes,
        List<String> categories, List<String> tags) {}
