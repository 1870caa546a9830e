package com.mintreu.plugins.helpdesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Markdown reduced to the words a reader sees (for the index and excerpts), and a query's words. */
final class PlainText {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern MARKUP = Pattern.compile("(?m)^\\s{0,3}(#{1,6}|>|[-*+]|\\d+[.)])\\s+|```[^\\n]*|[*_`~|]+");
    private static final int EXCERPT = 240;

    private PlainText() {}

    /** The text of {@code markdown} without its markup: link texts stay, URLs, tags and emphasis marks go. */
    static String of(String markdown) {
        String s = markdown == null ? "" : markdown;
        s = LINK.matcher(s).replaceAll("$1");
        s = TAG.matcher(s).replaceAll(" ");
        s = MARKUP.matcher(s).replaceAll(" ");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** The words of what a person typed: letters and digits only, lower case, at most 12 of up to 40 characters. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && terms.size() < 12) {
            if (m.group().length() <= 40 && !terms.contains(m.group())) {
                terms.add(m.group());
            }
        }
        return terms;
    }

    /** About {@value #EXCERPT} characters of {@code text} around the first word that starts with one of {@code terms}. */
    static String excerpt(String text, List<String> terms) {
        int at = -1;
        Matcher m = WORD.matcher(text);
        while (m.find() && at < 0) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (terms.stream().anyMatch(word::startsWith)) {
                at = m.start();
            }
        }
        // start at a word about 60 characters before the match, so the reader sees what leads to it
        int start = at <= 60 ? 0 : text.lastIndexOf(' ', at - 60) + 1;
        int end = Math.min(text.length(), start + EXCERPT);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            end = space > start ? space : end; // end at a word too
        }
        return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
    }
}
