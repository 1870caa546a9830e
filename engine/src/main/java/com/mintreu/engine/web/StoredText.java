package com.mintreu.engine.web;

/**
 * Text the engine can store on every database: no NUL character (PostgreSQL's text types cannot
 * hold one; SQLite would keep it and the two would disagree) and no unpaired UTF-16 surrogate
 * (it has no UTF-8 form, so it cannot be sent to PostgreSQL or written to a page). Request parsing
 * checks every path, query parameter, form field and JSON string with it, so no handler ever sees
 * such text.
 */
final class StoredText {

    private StoredText() {}

    /** Why {@code s} cannot be stored, or null when it can. */
    static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "contains a NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + "), which is not valid text";
            }
        }
        return null;
    }

    /** Throws 400 {@code INVALID_TEXT} naming {@code where} (a field, "the path", a query parameter) when {@code s} cannot be stored. */
    static void require(String where, String s) {
        String problem = s == null ? null : problem(s);
        if (problem != null) {
            throw new ApiException(CommonError.INVALID_TEXT, where + " " + problem + "; remove it and try again",
                    java.util.List.of(new ApiException.FieldError(where, problem)), null);
        }
    }
}
