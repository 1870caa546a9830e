package com.mintreu.engine.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static Voucher percent(int percent, String... products) {
        return new Voucher("vch_1", "P", percent * 100, null, null, null, 0, null, Set.of(products));
    }

    private static Voucher fixed(long minor, String... products) {
        return new Voucher("vch_2", "F", null, Money.of(minor, "EUR"), null, null, 0, null, Set.of(products));
    }

    @Test
    void aFixedVoucherIsCappedAtWhatItAppliesToAndRestrictedToItsProducts() {
        List<Pricing.Item> items = List.of(new Pricing.Item("prd_a", Money.of(1000, "EUR"), 1), new Pricing.Item("prd_b", Money.of(500, "EUR"), 2));
        Pricing.Result onlyB = Pricing.price(items, fixed(5000, "prd_b"), 1000);
        assertThat(onlyB.discount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(onlyB.lines().get(0).discount().minor()).isZero();
        assertThat(onlyB.lines().get(1).total().minor()).isZero();
        assertThat(onlyB.total()).isEqualTo(Money.of(1000, "EUR"));

        Pricing.Result quarter = Pricing.price(items, percent(25), 1000);
        assertThat(quarter.discount()).isEqualTo(Money.of(500, "EUR"));
        assertThat(quarter.lines()).extracting(l -> l.discount().minor()).containsExactly(250L, 250L);
        assertThat(quarter.lines().get(0).platformFee()).isEqualTo(Money.of(75, "EUR"));
        assertThat(quarter.lines().get(0).sellerShare()).isEqualTo(Money.of(675, "EUR"));
    }

    @Property(tries = 1000)
    void everyFigureAddsUp(@ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 1_000_000) Long> prices,
                           @ForAll @IntRange(min = 1, max = 10) int quantity,
                           @ForAll @IntRange(min = 0, max = 100) int percentOff,
                           @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints) {
        List<Pricing.Item> items = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            items.add(new Pricing.Item("prd_" + i, Money.of(prices.get(i), "EUR"), quantity));
        }
        Pricing.Result r = Pricing.price(items, percentOff == 0 ? null : percent(percentOff), feeBasisPoints);
        long lineTotals = r.lines().stream().mapToLong(l -> l.total().minor()).sum();
        long lineDiscounts = r.lines().stream().mapToLong(l -> l.discount().minor()).sum();
        assertThat(r.subtotal().minor() - r.discount().minor()).isEqualTo(r.total().minor());
        assertThat(lineTotals).isEqualTo(r.total().minor());
        assertThat(lineDiscounts).isEqualTo(r.discount().minor());
        assertThat(r.total().minor()).isNotNegative();
        for (Pricing.Line l : r.lines()) {
            assertThat(l.platformFee().plus(l.sellerShare())).isEqualTo(l.total());
            assertThat(l.discount().minor()).isBetween(0L, l.item().gross().minor());
        }
    }

    /** A seller's voucher over a mixed cart: only that seller's lines are discounted, a fixed amount is capped at their sum, and all adds up. */
    @Property(tries = 1000)
    void aSellersVoucherTouchesOnlyThatSellersLines(@ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 1_000_000) Long> prices,
                                                   @ForAll @Size(min = 8, max = 8) List<Boolean> ours,
                                                   @ForAll @LongRange(min = 1, max = 3_000_000) long amountOff,
                                                   @ForAll @IntRange(min = 0, max = 100) int percentOff) {
        List<Pricing.Item> items = new ArrayList<>();
        long oursTotal = 0;
        for (int i = 0; i < prices.size(); i++) {
            String seller = ours.get(i) ? "usr_ours" : "usr_other" + i;
            items.add(new Pricing.Item("prd_" + i, Money.of(prices.get(i), "EUR"), 1, seller));
            oursTotal += ours.get(i) ? prices.get(i) : 0;
        }
        Voucher voucher = percentOff == 0
                ? new Voucher("vch_3", "S", null, Money.of(amountOff, "EUR"), null, null, 0, null, Set.of(), "usr_ours", null)
                : new Voucher("vch_4", "S", percentOff * 100, null, null, null, 0, null, Set.of(), "usr_ours", null);
        Pricing.Result r = Pricing.price(items, voucher, 1000);
        for (int i = 0; i < items.size(); i++) {
            if (!ours.get(i)) {
                assertThat(r.lines().get(i).discount().minor()).as("another seller's line").isZero();
            }
        }
        long expected = percentOff == 0 ? Math.min(amountOff, oursTotal)
                : com.mintreu.engine.ledger.FeeSplit.of(Money.of(oursTotal, "EUR"), percentOff * 100).platform().minor();
        assertThat(r.discount().minor()).isEqualTo(expected).isBetween(0L, oursTotal);
        assertThat(r.lines().stream().mapToLong(l -> l.total().minor()).sum()).isEqualTo(r.total().minor());
        assertThat(r.subtotal().minor() - r.discount().minor()).isEqualTo(r.total().minor());
    }
}
