package com.mintreu.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest known name for a mistyped one (edit distance at most 2, or 1/3 of its length). */
final class DidYouMean {

    private DidYouMean() {}

    static Optional<String> suggest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, g.length() / 3);
        return known.stream()
                .filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) <= limit)
                .min(Comparator.comparingInt(k -> distance(g, k.toLowerCase(Locale.ROOT))));
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
