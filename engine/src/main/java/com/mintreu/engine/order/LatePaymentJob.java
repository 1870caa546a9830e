package com.mintreu.engine.order;

import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;

/**
 * The second half of reconciliation: asks gateways about orders that ended expired or failed within
 * {@code orders.latePaymentWindow}, so a payment that completed after all is held for an admin
 * ({@link OrderReconciliation#reconcileLate}). Its own job, every 30 minutes rather than the pending pass's
 * 5: most abandoned checkouts end expired, and asking each of them every 5 minutes for days would
 * multiply the calls to the provider for news that is rare and not urgent.
 */
final class LatePaymentJob implements Job {

    private final OrderReconciliation orders;
    private final OrdersConfig config;
    private final Clock clock;

    @Inject
    LatePaymentJob(OrderReconciliation orders, OrdersConfig config, Clock clock) {
        this.orders = orders;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "order-reconcile-late";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(30);
    }

    @Override
    public void run() {
        if (!config.latePaymentWindow().isZero()) {
            orders.reconcileLate(clock.millis() - config.latePaymentWindow().toMillis());
        }
    }
}
