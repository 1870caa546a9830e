package com.mintreu.engine.testing;

import java.time.Instant;

/** Reads the API's RFC 3339 time strings back as epoch milliseconds: {@code node.asText().transform(JsonTimes::millis)}. */
public final class JsonTimes {

    private JsonTimes() {}

    public static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
