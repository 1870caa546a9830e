package com.mintreu.engine.order;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;

/**
 * Asks the gateway again about refunds left {@code processing} by a timeout or an unknown answer,
 * with the same idempotency key, so a refund the provider made is recorded once and one it did not
 * make is made once.
 */
final class RefundRetryJob implements Job {

    private final RefundService refunds;

    @Inject
    RefundRetryJob(RefundService refunds) {
        this.refunds = refunds;
    }

    @Override
    public String name() {
        return "refund-retry";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void run() {
        refunds.retryDue();
    }
}
