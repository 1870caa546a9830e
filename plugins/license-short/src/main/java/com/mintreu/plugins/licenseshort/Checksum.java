package com.mintreu.plugins.licenseshort;

/**
 * The 5 check symbols of a key: a systematic Reed-Solomon code over GF(32) with generator
 * g(x) = (x - a)(x - a^2)...(x - a^5). The 20 symbols of a key form a codeword of minimum distance 6,
 * so any change of up to 5 symbols is detected for certain, not just with high probability: every
 * single typo and every swap of two symbols (adjacent or not, checksum group included). A CRC or
 * truncated MAC of the same length would only catch them with probability 1 - 2^-25.
 */
final class Checksum {

    static final int DATA = 15;
    static final int CHECK = 5;
    /** g's coefficients, highest degree first; g[0] = 1. */
    private static final int[] G = generator();

    private Checksum() {}

    /** The check symbols for 15 data symbols (each 0..31): the remainder of data(x) * x^5 divided by g(x). */
    static int[] of(int[] data) {
        if (data.length != DATA) {
            throw new IllegalArgumentException("expected " + DATA + " data symbols");
        }
        int[] rem = new int[CHECK];
        for (int d : data) {
            int feedback = Gf32.add(d, rem[0]);
            for (int j = 0; j < CHECK - 1; j++) {
                rem[j] = Gf32.add(rem[j + 1], Gf32.mul(feedback, G[j + 1]));
            }
            rem[CHECK - 1] = Gf32.mul(feedback, G[CHECK]);
        }
        return rem;
    }

    /** Whether 20 symbols are a codeword: the polynomial vanishes at a, a^2, ..., a^5. */
    static boolean valid(int[] symbols) {
        if (symbols.length != DATA + CHECK) {
            return false;
        }
        for (int k = 1; k <= CHECK; k++) {
            int root = Gf32.alphaPow(k);
            int acc = 0;
            for (int s : symbols) {
                acc = Gf32.add(Gf32.mul(acc, root), s);
            }
            if (acc != 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] generator() {
        int[] g = {1};
        for (int k = 1; k <= CHECK; k++) {
            int root = Gf32.alphaPow(k);
            int[] next = new int[g.length + 1];
            for (int i = 0; i < next.length; i++) {
                int shifted = i < g.length ? g[i] : 0;
                int scaled = i >= 1 ? Gf32.mul(root, g[i - 1]) : 0;
                next[i] = Gf32.add(shifted, scaled);
            }
            g = next;
        }
        return g;
    }
}
