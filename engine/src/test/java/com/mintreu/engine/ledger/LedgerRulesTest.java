package com.mintreu.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The ledger's rules on their own: splits among any number of parties, balanced postings, exact reversals. */
class LedgerRulesTest {

    @Property(tries = 2000)
    void sharesSumToTheWholeForAnyAmountRatesAndParties(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long total,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 2_500) Integer> rates) {
        if (rates.stream().mapToInt(Integer::intValue).sum() > FeeSplit.ALL) {
            return;
        }
        List<Money> parts = FeeSplit.shares(Money.of(total, "EUR"), rates);
        assertThat(parts).hasSize(rates.size() + 1);
        assertThat(parts.stream().mapToLong(Money::minor).sum()).isEqualTo(total);
        long rated = 0;
        for (int i = 0; i < rates.size(); i++) {
            rated += rates.get(i);
            assertExactShareRounded(parts.get(i).minor(), total, rates.get(i));
        }
        assertExactShareRounded(parts.get(rates.size()).minor(), total, FeeSplit.ALL - rated);
    }

    @Property(tries = 1000)
    void withOneRateSharesAreTheFeeSplit(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long total,
            @ForAll @IntRange(min = 0, max = 10_000) int fee) {
        FeeSplit split = FeeSplit.of(Money.of(total, "JPY"), fee);
        assertThat(FeeSplit.shares(Money.of(total, "JPY"), List.of(fee))).containsExactly(split.platform(), split.seller());
    }

    @Property(tries = 1000)
    void aSaleAndItsReversalBringEveryAccountBackToZero(@ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 10_000_000) Long> prices,
            @ForAll @IntRange(min = 0, max = 10_000) int fee, @ForAll @IntRange(min = 1, max = 3) int sellers) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            FeeSplit split = FeeSplit.of(Money.of(prices.get(i), "EUR"), fee);
            lines.add(new OrderLine("oln_" + i, i, "prd_" + i, "pln_" + i, "usr_s" + (i % sellers), "download", "Item " + i, "Plan",
                    1, split.total(), Money.zero("EUR"), split.total(), split.platform(), split.seller()));
        }
        Order order = new Order("ord_1", "usr_c", OrderStatus.PAID, Money.of(prices.stream().mapToLong(Long::longValue).sum(), "EUR"),
                Money.zero("EUR"), Money.of(prices.stream().mapToLong(Long::longValue).sum(), "EUR"), null, "payment-sandbox", "ref", null,
                null, 1_000L, 2_000L, null, lines);
        List<Posting> sales = Ledger.salePostings(order, 14L * 24 * 3600 * 1000);
        Map<String, Long> sold = net(sales);
        assertThat(sold.getOrDefault(Accounts.CUSTOMER, 0L)).isEqualTo(-order.total().minor());
        assertThat(sold.getOrDefault(Accounts.PLATFORM_FEES, 0L) + sold.entrySet().stream()
                .filter(e -> e.getKey().startsWith("seller:")).mapToLong(Map.Entry::getValue).sum()).isEqualTo(order.total().minor());

        List<Posting> all = new ArrayList<>(sales);
        sales.forEach(p -> all.add(p.reversal("refund")));
        assertThat(net(all).values()).allMatch(v -> v == 0);
    }

    @Test
    void anUnbalancedPostingIsRefused() {
        assertThatThrownBy(() -> new Posting("k", "sale", null, "m",
                List.of(new LedgerEntry(Accounts.CUSTOMER, Money.of(-100, "EUR"), null, 0), new LedgerEntry(Accounts.PLATFORM_FEES, Money.of(99, "EUR"), null, 0))))
                .hasMessageContaining("does not balance");
        assertThatThrownBy(() -> new Posting("k", "sale", null, "m",
                List.of(new LedgerEntry(Accounts.CUSTOMER, Money.of(-100, "EUR"), null, 0), new LedgerEntry(Accounts.PLATFORM_FEES, Money.of(100, "USD"), null, 0))))
                .as("each currency balances on its own").hasMessageContaining("does not balance");
        assertThatThrownBy(() -> new Posting("k", "sale", null, "m", List.of())).hasMessageContaining("no entries");
        assertThatThrownBy(() -> FeeSplit.shares(Money.of(100, "EUR"), List.of(6000, 5000))).hasMessageContaining("more than 10000");
    }

    @Test
    void knownSplits() {
        // 10 % fee and 5 % commission of 19.99: 2.00 + 1.00 (0.9995 rounds up) + 16.99
        assertThat(FeeSplit.shares(Money.of(1999, "EUR"), List.of(1000, 500))).extracting(Money::minor).containsExactly(200L, 100L, 1699L);
        assertThat(FeeSplit.shares(Money.of(1, "EUR"), List.of(3333, 3333))).extracting(Money::minor).containsExactly(0L, 0L, 1L);
    }

    private static void assertExactShareRounded(long part, long total, long basisPoints) {
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(total).multiply(java.math.BigDecimal.valueOf(basisPoints))
                .divide(java.math.BigDecimal.valueOf(FeeSplit.ALL));
        assertThat(java.math.BigDecimal.valueOf(part).subtract(exact).abs()).isLessThan(java.math.BigDecimal.ONE);
    }

    private static Map<String, Long> net(List<Posting> postings) {
        Map<String, Long> out = new TreeMap<>();
        for (Posting p : postings) {
            for (LedgerEntry e : p.entries()) {
                out.merge(e.account(), e.amount().minor(), Math::addExact);
            }
        }
        return out;
    }
}
