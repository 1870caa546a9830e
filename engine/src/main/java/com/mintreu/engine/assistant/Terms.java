package com.mintreu.engine.assistant;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text as the assistant's scoring compares them: lower case, accents removed,
 * common English words dropped, and each word cut to a crude stem (its first six letters, a plural
 * s dropped) so that "licenses" meets "license" and "activation" meets "activate" without a
 * language-specific stemmer.
 */
final class Terms {

    private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could",
            "did", "do", "does", "for", "from", "get", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
            "me", "my", "no", "not", "of", "on", "or", "our", "please", "should", "so", "that", "the", "their", "then", "there",
            "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your");

    private Terms() {}

    /** The distinct stems of {@code text}, in order of first appearance. */
    static Set<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 2 && !STOP.contains(word)) {
                out.add(stem(word));
            }
        }
        return out;
    }

    static String stem(String word) {
        String w = word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
        return w.length() > 6 ? w.substring(0, 6) : w;
    }
}
