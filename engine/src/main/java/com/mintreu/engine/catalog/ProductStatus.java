package com.mintreu.engine.catalog;

import java.util.Locale;

/**
 * Where a product is in review: {@code draft -> in_review -> published | rejected}; a seller edits
 * a draft or a rejected product and submits it (again); withdrawing sends an in-review or
 * published product back to draft. Only published products are public.
 */
public enum ProductStatus {
    DRAFT, IN_REVIEW, PUBLISHED, REJECTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProductStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** A seller may edit, and submit, a draft or a rejected product. */
    public boolean editable() {
        return this == DRAFT || this == REJECTED;
    }
}
