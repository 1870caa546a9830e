package com.mintreu.engine.affiliate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a seller's typed percent becomes basis points: exact, 0..100 %, at most two decimals. */
class SellerRateInputTest {

    @Test
    void percentsBecomeExactBasisPoints() {
        assertThat(SellerRatePages.basisPoints("12.5")).contains(1250);
        assertThat(SellerRatePages.basisPoints("10,25")).contains(1025);
        assertThat(SellerRatePages.basisPoints("0")).contains(0);
        assertThat(SellerRatePages.basisPoints("100")).contains(10_000);
        assertThat(SellerRatePages.basisPoints("7.50 %")).contains(750);
        assertThat(SellerRatePages.basisPoints("")).isEqualTo(Optional.empty());
    }

    @Test
    void outOfRangeOrTooPreciseOrNotANumberIsRefused() {
        for (String bad : new String[] {"-1", "100.01", "1.234", "abc", "1e2x"}) {
            assertThatThrownBy(() -> SellerRatePages.basisPoints(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
