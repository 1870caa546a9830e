package com.mintreu.engine.order;

import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;

/** Asks gateways about orders that stay pending (a lost webhook must not lose a sale) and expires stale ones. */
final class ReconcileJob implements Job {

    private final OrderReconciliation orders;
    private final OrdersConfig config;
    private final Clock clock;

    @Inject
    ReconcileJob(OrderReconciliation orders, OrdersConfig config, Clock clock) {
        this.orders = orders;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "order-reconcile";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public void run() {
        long now = clock.millis();
        orders.reconcile(now - config.reconcileAfter().toMillis(), now - config.expireAfter().toMillis());
    }
}
