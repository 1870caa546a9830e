package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.SubscriptionRequest;
import com.paypal.sdk.models.Frequency;
import com.paypal.sdk.models.IntervalUnit;
import java.net.URI;
import java.time.Period;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The rules PayPal's plan is built by: what PayPal bills (unit price × quantity) is exactly the
 * engine's amount, and an interval becomes the frequency of the same length or is refused, never
 * a different one.
 */
class PlansPropertyTest {

    private static SubscriptionRequest request(long minor, Period interval, int quantity) {
        return new SubscriptionRequest("sub_p", "ord_p", "Plan", Money.of(minor, "EUR"), interval, quantity, 0, false, null,
                URI.create("https://shop.test/r"), URI.create("https://shop.test/c"), "key");
    }

    @Property
    void payPalBillsExactlyTheEnginesAmount(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long minor,
            @ForAll @IntRange(min = 1, max = 1000) int quantity) {
        Plans.Shape shape = Plans.shape(request(minor, Period.ofMonths(1), quantity));
        assertThat(shape.unit().minor() * shape.quantity()).isEqualTo(minor);
        assertThat(shape.quantity()).isIn(1, quantity);
        if (minor % quantity == 0) {
            assertThat(shape.quantity()).as("seats are kept when the amount splits into them").isEqualTo(quantity);
        }
    }

    @Property
    void intervalsPayPalCanBillKeepTheirLength(@ForAll @IntRange(min = 1, max = 365) int days, @ForAll @IntRange(min = 1, max = 12) int months) {
        assertThat(length(Plans.frequency(Period.ofDays(days)))).isEqualTo(Period.ofDays(days));
        assertThat(length(Plans.frequency(Period.ofMonths(months))).normalized()).isEqualTo(Period.ofMonths(months).normalized());
    }

    @Property
    void longerIntervalsAreRefusedNotShortened(@ForAll @IntRange(min = 366, max = 5000) int days, @ForAll @IntRange(min = 13, max = 600) int months) {
        boolean weeksFit = days % 7 == 0 && days / 7 <= 52;
        if (!weeksFit) {
            assertThatThrownBy(() -> Plans.frequency(Period.ofDays(days))).isInstanceOf(PaymentGatewayException.class);
        }
        if (months % 12 != 0 || months > 12) {
            assertThatThrownBy(() -> Plans.frequency(Period.ofMonths(months))).isInstanceOf(PaymentGatewayException.class);
        }
    }

    private static Period length(Frequency f) {
        int n = f.getIntervalCount();
        if (f.getIntervalUnit() == IntervalUnit.DAY) {
            return Period.ofDays(n);
        }
        if (f.getIntervalUnit() == IntervalUnit.WEEK) {
            return Period.ofWeeks(n);
        }
        return f.getIntervalUnit() == IntervalUnit.MONTH ? Period.ofMonths(n) : Period.ofYears(n);
    }
}
