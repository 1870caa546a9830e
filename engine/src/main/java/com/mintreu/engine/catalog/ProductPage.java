package com.mintreu.engine.catalog;

import java.util.List;

/** One page of search results; {@code nextCursor} is null on the last page. */
public record ProductPage(List<ProductCard> items, String nextCursor) {

    public ProductPage {
        items = List.copyOf(items);
    }
}
