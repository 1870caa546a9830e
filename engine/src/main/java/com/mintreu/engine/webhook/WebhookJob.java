package com.mintreu.engine.webhook;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;

/**
 * Runs {@link WebhookDeliveries} on the job scheduler's tick (every 5 s), so the first retry after
 * 5 s is kept. The job lease runs it on one node per tick; each message is also claimed on its own,
 * so even two runs at once never send a message twice.
 */
final class WebhookJob implements Job {

    private final WebhookDeliveries deliveries;

    @Inject
    WebhookJob(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public String name() {
        return "seller-webhooks";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(5);
    }

    @Override
    public void run() {
        deliveries.runDue();
    }
}
