package com.mintreu.engine.db;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.Locale;

/**
 * Opaque, sortable, prefixed ids: {@code usr_01jd9...}. The prefix says what the id names, so a
 * support person reading a log line knows the table; the ULID part sorts by creation time.
 */
public final class Ids {

    private Ids() {}

    public static String next(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    }
}
