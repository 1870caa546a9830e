package com.mintreu.engine.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

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
     * Pages a short list held in memory (plugins, kill switches, categories) in its own order; the
     * cursor is the unique key of the last row given. A key no longer in the list is a 400.
     */
    public static <T> Page<T> ofAll(List<T> all, PageRequest req, Function<T, String> keyOf) {
        int from = 0;
        if (req.cursor() != null) {
            String after = req.cursor().id();
            from = IntStream.range(0, all.size()).filter(i -> keyOf.apply(all.get(i)).equals(after)).findFirst()
                    .orElseThrow(Cursor::invalid) + 1;
        }
        List<T> rows = all.subList(from, Math.min(all.size(), from + req.limit() + 1));
        return of(rows, req, t -> new Cursor("k", keyOf.apply(t)));
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(data.stream().map(f).toList(), nextCursor);
    }
}
