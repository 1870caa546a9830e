package com.mintreu.api.product;

import java.util.Map;

/**
 * What a seller has entered for a product, as the product type sees it.
 *
 * @param productId  the product's id ({@code prd_...}); null for one not saved yet
 * @param title      the title
 * @param attributes values of the type's {@link AttributeSpec}s by name (absent when not given)
 * @param planCount  how many plans the product has
 * @param hasRelease whether at least one file release is uploaded
 */
public record ProductDraft(String productId, String title, Map<String, String> attributes, int planCount, boolean hasRelease) {

    public ProductDraft {
        attributes = Map.copyOf(attributes);
    }
}
