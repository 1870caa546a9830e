package com.mintreu.engine.payout;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;

/** The scheduled payout run, every {@code payouts.interval} (weekly by default), once across the nodes. */
final class PayoutJob implements Job {

    static final String NAME = "payout-run";

    private final PayoutService payouts;
    private final PayoutsConfig config;

    @Inject
    PayoutJob(PayoutService payouts, PayoutsConfig config) {
        this.payouts = payouts;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return config.interval();
    }

    @Override
    public void run() {
        payouts.run(AuditLog.Actor.SYSTEM);
    }
}
