package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Money rules of the marketplace and how long unpaid orders wait. */
public record OrdersConfig(
        @Setting(help = "platform fee in basis points of each line (1000 = 10 %); the seller gets the rest") int platformFeeBasisPoints,
        @Setting(help = "ask the gateway about orders still pending after this long") Duration reconcileAfter,
        @Setting(help = "expire orders still unpaid after this long") Duration expireAfter,
        @Setting(help = "expire pending orders that never reached a payment page (the gateway failed and the customer did not press Pay now) after this long; gives their voucher use back") Duration expireWithoutSessionAfter,
        @Setting(help = "id of the gateway preselected in the cart and used when a checkout names none; must be running; empty: the only one running. An admin's choice on the Payment methods page comes first") String defaultGateway,
        @Setting(help = "keep asking the gateway about orders that expired or failed this long ago or less: a payment completed after all holds the order for an admin") Duration latePaymentWindow,
        @Setting(help = "how customers' refund requests are decided") RefundsConfig refunds) implements Validated {

    static OrdersConfig defaults() {
        return new OrdersConfig(1000, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(1), "", Duration.ofHours(72), RefundsConfig.defaults());
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (platformFeeBasisPoints < 0 || platformFeeBasisPoints > 10_000) {
            out.add(new Problem("platformFeeBasisPoints", "expected 0 to 10000, got " + platformFeeBasisPoints));
        }
        if (expireAfter.compareTo(reconcileAfter) <= 0) {
            out.add(new Problem("expireAfter", "must be longer than reconcileAfter (" + ConfigBinder.formatDuration(reconcileAfter) + ")"));
        }
        if (expireWithoutSessionAfter.isNegative() || expireWithoutSessionAfter.isZero()) {
            out.add(new Problem("expireWithoutSessionAfter", "must be longer than zero"));
        }
        if (latePaymentWindow.isNegative()) {
            out.add(new Problem("latePaymentWindow", "must not be negative (0: never ask about ended orders)"));
        }
        return out;
    }
}
