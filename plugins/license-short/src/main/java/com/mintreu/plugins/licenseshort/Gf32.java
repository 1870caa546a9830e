package com.mintreu.plugins.licenseshort;

/**
 * Arithmetic in GF(2^5), the field whose 32 elements are exactly the key alphabet's symbols. Built
 * from the primitive polynomial x^5 + x^2 + 1, so alpha = 2 generates all 31 non-zero elements.
 */
final class Gf32 {

    private static final int PRIMITIVE = 0b100101;
    private static final int[] EXP = new int[62];
    private static final int[] LOG = new int[32];

    static {
        int x = 1;
        for (int i = 0; i < 31; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0b100000) != 0) {
                x ^= PRIMITIVE;
            }
        }
        for (int i = 31; i < EXP.length; i++) {
            EXP[i] = EXP[i - 31];
        }
    }

    private Gf32() {}

    /** Addition and subtraction are both XOR in a field of characteristic 2. */
    static int add(int a, int b) {
        return a ^ b;
    }

    static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** alpha^k. */
    static int alphaPow(int k) {
        return EXP[Math.floorMod(k, 31)];
    }
}
