package com.mintreu.engine.web;

import java.util.List;
import org.jdbi.v3.core.statement.Query;

/**
 * {@code ?cursor=&limit=} of a JSON list: {@value #DEFAULT_LIMIT} rows unless asked, at most
 * {@value #MAX_LIMIT}. Stores page with keyset SQL ({@link #after}), never OFFSET.
 */
public record PageRequest(Cursor cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    /** Reads {@code cursor} and {@code limit}; a bad cursor is 400, a bad limit 422 naming the field. */
    public static PageRequest of(Exchange x) {
        Cursor cursor = x.query("cursor").filter(c -> !c.isBlank()).map(Cursor::decode).orElse(null);
        int limit;
        try {
            limit = Integer.parseInt(x.query("limit").orElse(Integer.toString(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("limit", "must be a number from 1 to " + MAX_LIMIT)));
        }
        return new PageRequest(cursor, limit);
    }

    /**
     * The keyset condition "after the cursor" for a list ordered by {@code keyColumn, idColumn}
     * (both descending when {@code descending}), or {@code 1 = 1} on the first page. Written
     * without row-value comparison so SQLite and PostgreSQL read it alike. Binds :cKey and :cId.
     */
    public String after(String keyColumn, String idColumn, boolean descending) {
        if (cursor == null) {
            return "1 = 1";
        }
        String op = descending ? "<" : ">";
        return "(" + keyColumn + " " + op + " :cKey OR (" + keyColumn + " = :cKey AND " + idColumn + " " + op + " :cId))";
    }

    /** Binds the cursor (its key as a number) and {@code :limit} = one row more than a page. */
    public Query bind(Query q) {
        if (cursor != null) {
            q.bind("cKey", cursor.longKey()).bind("cId", cursor.id());
        }
        return q.bind("limit", limit + 1);
    }

    /** The same, for a list sorted by a text column. */
    public Query bindText(Query q) {
        if (cursor != null) {
            q.bind("cKey", cursor.key()).bind("cId", cursor.id());
        }
        return q.bind("limit", limit + 1);
    }

}
