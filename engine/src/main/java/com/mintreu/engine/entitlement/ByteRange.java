package com.mintreu.engine.entitlement;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 §14), resolved against the file
 * size. Several ranges or a syntax we do not read mean "ignore the header and send everything",
 * which the RFC allows; a well-formed range outside the file is unsatisfiable (416).
 */
record ByteRange(long start, long end) {

    /** What a Range header asks for. */
    sealed interface Request permits Whole, Part, Unsatisfiable {}

    record Whole() implements Request {}

    record Part(ByteRange range) implements Request {}

    record Unsatisfiable() implements Request {}

    long length() {
        return end - start + 1;
    }

    static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String h = header.get().strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.length() > 40) {
            return new Whole();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (!first.matches("[0-9]{0,18}") || !last.matches("[0-9]{0,18}") || (first.isEmpty() && last.isEmpty())) {
            return new Whole();
        }
        if (first.isEmpty()) { // suffix: the last N bytes
            long n = Long.parseLong(last);
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - n), size - 1));
        }
        long start = Long.parseLong(first);
        if (!last.isEmpty() && Long.parseLong(last) < start) {
            return new Whole(); // invalid syntax per RFC: ignored
        }
        if (start >= size) {
            return new Unsatisfiable();
        }
        long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
        return new Part(new ByteRange(start, Math.min(end, size - 1)));
    }
}
