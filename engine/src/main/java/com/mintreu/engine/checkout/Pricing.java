package com.mintreu.engine.checkout;

import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.FeeSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes an order's totals on the server from catalog prices only: line totals, the voucher's
 * discount spread over the lines it applies to (largest remainder, so it sums exactly), and each
 * line's platform fee and seller share. Every figure is in integer minor units.
 */
final class Pricing {

    /** A priced cart line before discount. */
    record Item(String productId, Money unit, int quantity, String sellerId) {
        Item(String productId, Money unit, int quantity) {
            this(productId, unit, quantity, null);
        }

        Money gross() {
            return unit.times(quantity);
        }
    }

    /** A line after pricing. */
    record Line(Item item, Money discount, Money total, Money platformFee, Money sellerShare) {}

    record Result(Money subtotal, Money discount, Money total, List<Line> lines) {}

    private Pricing() {}

    static Result price(List<Item> items, Voucher voucher, int feeBasisPoints) {
        String currency = items.getFirst().unit().currency();
        Money subtotal = Money.zero(currency);
        for (Item i : items) {
            subtotal = subtotal.plus(i.gross());
        }
        long[] discounts = new long[items.size()];
        if (voucher != null) {
            List<Integer> eligible = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            long eligibleTotal = 0;
            for (int i = 0; i < items.size(); i++) {
                if (voucher.appliesTo(items.get(i).productId(), items.get(i).sellerId())) {
                    eligible.add(i);
                    weights.add(items.get(i).gross().minor());
                    eligibleTotal += items.get(i).gross().minor();
                }
            }
            long off = voucher.percentBasisPoints() != null
                    ? FeeSplit.of(Money.of(eligibleTotal, currency), voucher.percentBasisPoints()).platform().minor()
                    : Math.min(voucher.amount().minor(), eligibleTotal);
            if (off > 0 && eligibleTotal > 0) {
                List<Money> parts = FeeSplit.allocate(Money.of(off, currency), weights);
                for (int k = 0; k < eligible.size(); k++) {
                    discounts[eligible.get(k)] = parts.get(k).minor();
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        Money discount = Money.zero(currency);
        for (int i = 0; i < items.size(); i++) {
            Money lineDiscount = Money.of(discounts[i], currency);
            Money total = items.get(i).gross().minus(lineDiscount);
            FeeSplit split = FeeSplit.of(total, feeBasisPoints);
            lines.add(new Line(items.get(i), lineDiscount, total, split.platform(), split.seller()));
            discount = discount.plus(lineDiscount);
        }
        return new Result(subtotal, discount, subtotal.minus(discount), List.copyOf(lines));
    }
}
