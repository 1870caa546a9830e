package com.mintreu.engine.catalog;

import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.SearchQuery.Sort;
import com.mintreu.engine.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The storefront's listing query: published products, optional full-text match from the
 * {@link SearchIndex}, filters, a sort, and keyset pagination. The cursor is the last row's sort
 * value and id (base64url, opaque to clients), so pages neither repeat nor skip rows when new
 * products are published between requests.
 */
@Singleton
final class ProductListing {

    private final SearchIndex index;

    @Inject
    ProductListing(SearchIndex index) {
        this.index = index;
    }

    ProductPage find(Handle h, SearchQuery q) {
        List<String> terms = SearchIndex.terms(q.text());
        Sort sort = q.sort() == Sort.RELEVANCE && terms.isEmpty() ? Sort.NEWEST : q.sort();
        SearchIndex.Match match = terms.isEmpty() ? null : index.match(terms);
        StringBuilder inner = new StringBuilder("""
                SELECT p.id AS id, p.slug AS slug, p.title AS title, p.type_id AS type_id, p.price_minor AS price,
                       p.currency AS currency, p.published_at AS published_at, u.display_name AS seller,
                       (SELECT MIN(i.id) FROM product_images i WHERE i.product_id = p.id) AS image_id,
                """).append(match == null ? "0.0" : match.score()).append(" AS score FROM products p JOIN users u ON u.id = p.seller_id ");
        if (match != null) {
            inner.append(match.join());
        }
        inner.append(" WHERE p.status = 'published'");
        if (match != null) {
            inner.append(" AND ").append(match.condition());
        }
        if (q.type() != null) {
            inner.append(" AND p.type_id = :type");
        }
        if (q.category() != null) {
            inner.append(" AND EXISTS (SELECT 1 FROM product_categories pc JOIN categories c ON c.id = pc.category_id"
                    + " WHERE pc.product_id = p.id AND c.slug = :category)");
        }
        if (q.minPrice() != null) {
            inner.append(" AND p.price_minor >= :min");
        }
        if (q.maxPrice() != null) {
            inner.append(" AND p.price_minor <= :max");
        }
        Cursor after = q.cursor() == null ? null : Cursor.decode(q.cursor(), sort);
        String keyset = switch (sort) {
            case RELEVANCE -> "(score < :cv OR (score = :cv AND id > :cid))";
            case NEWEST -> "(published_at < :cv OR (published_at = :cv AND id < :cid))";
            case PRICE_ASC -> "(price > :cv OR (price = :cv AND id > :cid))";
            case PRICE_DESC -> "(price < :cv OR (price = :cv AND id > :cid))";
        };
        String order = switch (sort) {
            case RELEVANCE -> "score DESC, id ASC";
            case NEWEST -> "published_at DESC, id DESC";
            case PRICE_ASC -> "price ASC, id ASC";
            case PRICE_DESC -> "price DESC, id ASC";
        };
        String sql = "SELECT * FROM (" + inner + ") x" + (after == null ? "" : " WHERE " + keyset)
                + " ORDER BY " + order + " LIMIT :limit";
        Query query = h.createQuery(sql).bind("limit", q.limit() + 1);
        if (match != null) {
            query.bind("q", match.query());
        }
        if (q.type() != null) {
            query.bind("type", q.type());
        }
        if (q.category() != null) {
            query.bind("category", q.category());
        }
        if (q.minPrice() != null) {
            query.bind("min", q.minPrice());
        }
        if (q.maxPrice() != null) {
            query.bind("max", q.maxPrice());
        }
        if (after != null) {
            query.bind("cid", after.id());
            if (sort == Sort.RELEVANCE) {
                query.bind("cv", Double.parseDouble(after.value()));
            } else {
                query.bind("cv", Long.parseLong(after.value()));
            }
        }
        List<Row> rows = query.map((rs, ctx) -> new Row(new ProductCard(rs.getString("id"), rs.getString("slug"),
                rs.getString("title"), rs.getString("type_id"), new Money(rs.getLong("price"), rs.getString("currency")),
                rs.getString("seller"), rs.getString("image_id"), rs.getLong("published_at")), rs.getDouble("score"))).list();
        String next = null;
        if (rows.size() > q.limit()) {
            rows = new ArrayList<>(rows.subList(0, q.limit()));
            Row last = rows.getLast();
            String value = switch (sort) {
                case RELEVANCE -> Double.toString(last.score());
                case NEWEST -> Long.toString(last.card().publishedAt());
                case PRICE_ASC, PRICE_DESC -> Long.toString(last.card().price().minor());
            };
            next = new Cursor(sort, value, last.card().id()).encode();
        }
        return new ProductPage(rows.stream().map(Row::card).toList(), next);
    }

    private record Row(ProductCard card, double score) {}

    /** Where the previous page ended: the sort it belongs to, the last sort value and id. */
    private record Cursor(Sort sort, String value, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (sort.id() + "|" + value + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, Sort sort) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
                if (parts.length != 3 || !parts[0].equals(sort.id()) || !parts[2].matches("prd_[0-9a-z]{26}")) {
                    throw new IllegalArgumentException("shape");
                }
                if (sort == Sort.RELEVANCE) {
                    Double.parseDouble(parts[1]);
                } else {
                    Long.parseLong(parts[1]);
                }
                return new Cursor(sort, parts[1], parts[2]);
            } catch (IllegalArgumentException e) {
                throw new ApiException(CatalogError.INVALID_CURSOR, "the cursor does not belong to this query; start again without it");
            }
        }
    }
}
