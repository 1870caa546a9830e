package com.mintreu.engine.order;

import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.config.RefundsConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The optional auto-approve rule ({@code orders.refunds.autoApprove}, off by default): a customer's
 * request is approved without a seller only when it comes within {@code withinDays} of the payment
 * and no {@link RefundUsage} reports a use of its lines (nothing downloaded, no license ever
 * activated). Anything else waits for the seller or an admin, as if the rule were off.
 */
@Singleton
final class RefundAutoApproval {

    private final RefundsConfig.AutoApprove rule;
    private final Set<RefundUsage> usages;
    private final Clock clock;

    @Inject
    RefundAutoApproval(OrdersConfig config, Set<RefundUsage> usages, Clock clock) {
        this.rule = config.refunds().autoApprove();
        this.usages = usages;
        this.clock = clock;
    }

    /** The decision note when the rule approves these lines of {@code order} now, in {@code h}'s transaction; else empty. */
    Optional<String> approves(Handle h, Order order, List<Refund.Line> lines) {
        if (!rule.enabled() || order.paidAt() == null) {
            return Optional.empty();
        }
        if (clock.millis() - order.paidAt() > Duration.ofDays(rule.withinDays()).toMillis()) {
            return Optional.empty();
        }
        List<String> ids = lines.stream().map(Refund.Line::lineId).toList();
        for (RefundUsage u : usages) {
            if (u.used(h, ids).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of("approved automatically: asked within " + rule.withinDays() + " days of payment, nothing downloaded or activated");
    }
}
