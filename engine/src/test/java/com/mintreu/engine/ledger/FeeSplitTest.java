package com.mintreu.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FeeSplitTest {

    @Property(tries = 2000)
    void partsAlwaysSumToTheTotal(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long total,
                                  @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints) {
        FeeSplit split = FeeSplit.of(Money.of(total, "EUR"), feeBasisPoints);
        assertThat(split.platform().minor() + split.seller().minor()).isEqualTo(total);
        assertThat(split.platform().minor()).isBetween(0L, total);
        // the fee is the exact rate rounded to the nearest minor unit
        double exact = (double) total * feeBasisPoints / 10_000;
        assertThat((double) split.platform().minor()).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.5 + exact * 1e-12));
    }

    @Property(tries = 1000)
    void allocationSumsExactlyAndStaysProportional(@ForAll @LongRange(min = 0, max = 10_000_000) long total,
                                                   @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 100_000) Long> weights) {
        if (weights.stream().mapToLong(Long::longValue).sum() == 0) {
            return;
        }
        List<Money> parts = FeeSplit.allocate(Money.of(total, "USD"), weights);
        assertThat(parts.stream().mapToLong(Money::minor).sum()).isEqualTo(total);
        long sum = weights.stream().mapToLong(Long::longValue).sum();
        for (int i = 0; i < parts.size(); i++) {
            double exact = (double) total * weights.get(i) / sum;
            assertThat((double) parts.get(i).minor()).isBetween(Math.floor(exact), Math.ceil(exact) + 1e-9);
        }
    }

    @Test
    void knownValues() {
        FeeSplit split = FeeSplit.of(Money.of(1999, "EUR"), 1000);
        assertThat(split.platform()).isEqualTo(Money.of(200, "EUR"));
        assertThat(split.seller()).isEqualTo(Money.of(1799, "EUR"));
        assertThat(FeeSplit.of(Money.of(5, "EUR"), 1000).platform().minor()).as("0.5 rounds half up").isEqualTo(1);
        assertThat(FeeSplit.allocate(Money.of(100, "EUR"), List.of(1L, 1L, 1L))).extracting(Money::minor).containsExactly(34L, 33L, 33L);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FeeSplit.of(Money.of(100, "EUR"), 10_001)).hasMessageContaining("basis points");
        assertThatThrownBy(() -> FeeSplit.of(Money.of(-1, "EUR"), 100)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Money.of(1, "eur")).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD"))).hasMessageContaining("cannot combine");
    }
}
