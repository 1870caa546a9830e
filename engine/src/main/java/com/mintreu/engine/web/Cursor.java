package com.mintreu.engine.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a list page ended: the last row's sort key and id. On the wire it is opaque (base64url of
 * {@code key|id}); a client only hands it back. Keyed on (sort key, id), a page never shifts when
 * rows are inserted meanwhile. A cursor that does not decode is a 400 {@code INVALID_CURSOR}.
 */
public record Cursor(String key, String id) {

    public static Cursor of(long key, String id) {
        return new Cursor(Long.toString(key), id);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key as a number, for lists sorted by a time or another number column. */
    public long longKey() {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.lastIndexOf('|');
            if (bar < 0 || bar == plain.length() - 1) {
                throw invalid();
            }
            return new Cursor(plain.substring(0, bar), plain.substring(bar + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static ApiException invalid() {
        return new ApiException(CommonError.INVALID_CURSOR, "the cursor is not one this list gave out; start again without it");
    }
}
