package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * How a paid amount divides between the platform and the seller, in integer minor units.
 * The fee rounds half up to the nearest minor unit and the seller gets exactly the rest, so the
 * parts always add up to the total: no cent is created or lost.
 *
 * @param total     what the customer paid
 * @param platform  the platform fee
 * @param seller    the seller's share, {@code total - platform}
 */
public record FeeSplit(Money total, Money platform, Money seller) {

    /** Basis points in 100 %: rates are given in hundredths of a percent (250 = 2.5 %). */
    public static final int ALL = 10_000;

    public FeeSplit {
        if (!platform.plus(seller).equals(total)) {
            throw new IllegalArgumentException("split parts " + platform + " + " + seller + " do not add up to " + total);
        }
    }

    /** Splits {@code total} with a platform fee of {@code feeBasisPoints} (0..10000). */
    public static FeeSplit of(Money total, int feeBasisPoints) {
        if (feeBasisPoints < 0 || feeBasisPoints > ALL) {
            throw new IllegalArgumentException("fee must be 0 to 10000 basis points, got " + feeBasisPoints);
        }
        if (total.isNegative()) {
            throw new IllegalArgumentException("cannot split a negative total " + total);
        }
        long fee = Math.addExact(Math.multiplyExact(total.minor(), (long) feeBasisPoints), ALL / 2) / ALL;
        Money platform = new Money(fee, total.currency());
        return new FeeSplit(total, platform, total.minus(platform));
    }

    /**
     * Divides {@code total} among parties paid at rates (basis points each: the platform fee, an
     * affiliate's commission, ...) and one party that gets the rest (the seller). The result has
     * one part per rate, in order, then the rest. The one rounding rule of the ledger: the exact
     * shares are rounded by {@linkplain #allocate largest remainder}, so every part is its exact
     * share rounded up or down, the parts sum to the total exactly, and with one rate it rounds
     * the fee half up like {@link #of}.
     */
    public static List<Money> shares(Money total, List<Integer> basisPoints) {
        if (total.isNegative()) {
            throw new IllegalArgumentException("cannot split a negative total " + total);
        }
        List<Long> weights = new ArrayList<>();
        long rated = 0;
        for (int bp : basisPoints) {
            if (bp < 0) {
                throw new IllegalArgumentException("rates must not be negative, got " + bp);
            }
            rated += bp;
            weights.add((long) bp);
        }
        if (rated > ALL) {
            throw new IllegalArgumentException("rates add up to " + rated + " basis points, more than 10000");
        }
        weights.add(ALL - rated);
        return allocate(total, weights);
    }

    /**
     * Divides {@code total} across parts in proportion to {@code weights} (e.g. order lines by
     * their list price, to spread a discount). Largest-remainder rounding: each part is the floor
     * of its exact share, and the leftover minor units go to the parts with the biggest
     * remainders, so the parts sum to the total exactly.
     */
    public static List<Money> allocate(Money total, List<Long> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nothing to allocate to");
        }
        long sum = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            sum = Math.addExact(sum, w);
        }
        if (sum == 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        long[] parts = new long[weights.size()];
        long[] remainders = new long[weights.size()];
        long given = 0;
        for (int i = 0; i < parts.length; i++) {
            // exact: total * w / sum without overflow for realistic amounts (checked)
            java.math.BigInteger[] qr = java.math.BigInteger.valueOf(total.minor()).multiply(java.math.BigInteger.valueOf(weights.get(i)))
                    .divideAndRemainder(java.math.BigInteger.valueOf(sum));
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1].longValueExact();
            given += parts[i];
        }
        long left = total.minor() - given;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
        for (int k = 0; k < left; k++) {
            parts[order.get(k)]++;
        }
        List<Money> out = new ArrayList<>();
        for (long p : parts) {
            out.add(new Money(p, total.currency()));
        }
        return List.copyOf(out);
    }
}
