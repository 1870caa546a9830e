package com.mintreu.engine.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as RFC 4180 has it: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * a quote, CR or LF (quotes doubled inside). Text that a spreadsheet would run as a formula (it
 * starts with {@code = + - @}, a tab or CR) gets a leading apostrophe (OWASP's CSV injection
 * advice), since names in an export can come from other users. Numbers are passed as numbers and
 * left alone.
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    /** Adds one record. {@code Number}s are written as they are; anything else as guarded, quoted text. */
    public Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object f = fields.get(i);
            out.append(f instanceof Number n ? n.toString() : field(f == null ? "" : f.toString()));
        }
        out.append("\r\n");
        return this;
    }

    public byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String field(String raw) {
        String text = !raw.isEmpty() && "=+-@\t\r".indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** The Content-Disposition of a download named {@code fileName} (letters, digits, dot, dash, underscore only). */
    public static String attachment(String fileName) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + safe + "\"";
    }
}
