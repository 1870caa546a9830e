package com.mintreu.engine.webhook;

import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the delivery log bounded: delivered and failed messages older than {@code webhooks.logRetention} go, with their attempts. */
final class WebhookLogPurgeJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookLogPurgeJob.class);

    private final WebhookStore store;
    private final Clock clock;
    private final Duration retention;

    @Inject
    WebhookLogPurgeJob(WebhookStore store, Clock clock, MintreuConfig config) {
        this.store = store;
        this.clock = clock;
        this.retention = config.webhooks().logRetention();
    }

    @Override
    public String name() {
        return "seller-webhooks-log-purge";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(6);
    }

    @Override
    public void run() {
        int n = store.purge(clock.millis() - retention.toMillis());
        if (n > 0) {
            LOG.info("webhook delivery log: {} finished message(s) older than {} removed", n, retention);
        }
    }
}
