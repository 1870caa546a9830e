package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/** How customers' refund requests are decided (see order/README-refunds.md). */
public record RefundsConfig(
        @Setting(help = "approve a request at once when it comes soon after payment and nothing of its lines was used; off by default")
        AutoApprove autoApprove) {

    static RefundsConfig defaults() {
        return new RefundsConfig(AutoApprove.defaults());
    }

    /**
     * The auto-approve rule: a request is approved without a seller only when it comes within
     * {@code withinDays} of the payment and nothing of its lines was downloaded and no license of
     * them was ever activated on a machine.
     */
    public record AutoApprove(
            @Setting(help = "true: approve qualifying requests at once; false (default): the seller or an admin decides every request") boolean enabled,
            @Setting(help = "a request qualifies only this many days after payment at most (1 to 365)") int withinDays) implements Validated {

        static AutoApprove defaults() {
            return new AutoApprove(false, 14);
        }

        @Override
        public List<Problem> problems() {
            List<Problem> out = new ArrayList<>();
            if (withinDays < 1 || withinDays > 365) {
                out.add(new Problem("withinDays", "expected 1 to 365, got " + withinDays));
            }
            return out;
        }
    }
}
