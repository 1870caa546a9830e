package com.mintreu.engine.subscription;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;

/** Renews due subscriptions, retries past-due ones and ends what should end (see {@link Renewals}). */
final class RenewalJob implements Job {

    private final Renewals renewals;

    @Inject
    RenewalJob(Renewals renewals) {
        this.renewals = renewals;
    }

    @Override
    public String name() {
        return "subscription-renewals";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public void run() {
        renewals.run();
    }
}
