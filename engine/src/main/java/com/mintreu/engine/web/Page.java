package com.mintreu.engine.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The one JSON list envelope: {@code {"data": [...], "nextCursor": "..." | null}}. A null
 * {@code nextCursor} means the last page.
 */
public record Page<T>(List<T> data, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    /**
     * A page from rows a store fetched with {@link PageRequest#bind} (one more than the limit):
     * the extra row only says there is a next page, whose cursor is the last kept row's key.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest req, Function<T, Cursor> cursorOf) {
        if (rows.size() <= req.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> kept = List.copyOf(rows.subList(0, req.limit()));
        return new Page<>(kept, cursorOf.apply(kept.getLast()).encode());
    }

    /**
     * Pages a short list held in memory (plugins, kill switches, categories): sorted by its unique
     * text key, the cursor is that key.
     */
    public static <T> Page<T> ofAll(List<T> all, PageRequest req, Function<T, String> keyOf) {
        String after = req.cursor() == null ? null : req.cursor().id();
        List<T> rows = all.stream().sorted(Comparator.comparing(keyOf))
                .filter(t -> after == null || keyOf.apply(t).compareTo(after) > 0)
                .limit(req.limit() + 1L).toList();
        return of(rows, req, t -> new Cursor("k", keyOf.apply(t)));
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(data.stream().map(f).toList(), nextCursor);
    }
}
