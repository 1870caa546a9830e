package com.mintreu.engine.order;

import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires pending orders that never got a payment session after {@code orders.expireWithoutSessionAfter}:
 * nobody can pay them at a provider, and expiring gives their voucher use back. Reconciliation
 * handles the orders that did reach a gateway.
 */
final class ExpireWithoutSessionJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(ExpireWithoutSessionJob.class);

    private final OrderReconciliation orders;
    private final OrdersConfig config;
    private final Clock clock;

    @Inject
    ExpireWithoutSessionJob(OrderReconciliation orders, OrdersConfig config, Clock clock) {
        this.orders = orders;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "order-expire-without-session";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public void run() {
        int expired = orders.expireWithoutSession(clock.millis() - config.expireWithoutSessionAfter().toMillis());
        if (expired > 0) {
            LOG.info("expired {} pending order(s) that never reached a payment page", expired);
        }
    }
}
