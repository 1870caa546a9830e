package com.mintreu.plugins.licenseshort;

import java.security.SecureRandom;

/**
 * The text form of short keys: {@code XXXXX-XXXXX-XXXXX-XXXXX} in Crockford's base32 alphabet
 * (digits and upper-case letters without I, L, O and U, so no two symbols look alike). The first 15
 * symbols are random, the last group is the {@link Checksum}. Only this canonical form is accepted:
 * the engine looks keys up by their exact text.
 */
final class ShortKeys {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 23;

    private ShortKeys() {}

    static String generate(SecureRandom random) {
        int[] data = new int[Checksum.DATA];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(32);
        }
        int[] check = Checksum.of(data);
        int[] all = new int[Checksum.DATA + Checksum.CHECK];
        System.arraycopy(data, 0, all, 0, data.length);
        System.arraycopy(check, 0, all, data.length, check.length);
        return format(all);
    }

    static String format(int[] symbols) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < symbols.length; i++) {
            if (i > 0 && i % 5 == 0) {
                out.append('-');
            }
            out.append(ALPHABET.charAt(symbols[i]));
        }
        return out.toString();
    }

    /** The 20 symbol values of a canonical key, or null when it is not one (length, dashes, alphabet). */
    static int[] parse(String key) {
        if (key == null || key.length() != LENGTH) {
            return null;
        }
        int[] symbols = new int[Checksum.DATA + Checksum.CHECK];
        int n = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = key.charAt(i);
            if (i % 6 == 5) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                return null;
            }
            symbols[n++] = v;
        }
        return symbols;
    }
}
