package com.mintreu.engine.metering;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;

/** Bills the overage of ended periods of API purchases (see {@link UsageBilling}); once per interval across nodes. */
final class UsageBillingJob implements Job {

    static final String NAME = "usage-billing";

    private final UsageBilling billing;

    @Inject
    UsageBillingJob(UsageBilling billing) {
        this.billing = billing;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public void run() {
        billing.run();
    }
}
