package com.mintreu.engine.metering;

import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage events received longer ago than {@code apiKeys.usageDedupWindow}: their ids no
 * longer need remembering, because an event that old is refused by its time anyway. The rollups
 * keep the totals (and the bills are made from them). Deletes in chunks, so no transaction grows
 * with the backlog.
 */
final class UsagePruneJob implements Job {

    static final String NAME = "usage-events-prune";
    private static final Logger LOG = LoggerFactory.getLogger(UsagePruneJob.class);
    private static final int CHUNK = 5_000;
    private static final int MAX_CHUNKS = 200;

    private final UsageChargeStore store;
    private final ApiKeysConfig config;
    private final Clock clock;

    @Inject
    UsagePruneJob(UsageChargeStore store, ApiKeysConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        long cutoff = clock.millis() - config.usageDedupWindow().toMillis();
        int total = 0;
        for (int i = 0, n = CHUNK; i < MAX_CHUNKS && n == CHUNK; i++) {
            n = store.pruneEvents(cutoff, CHUNK);
            total += n;
        }
        if (total > 0) {
            LOG.info("{} usage event(s) older than {} pruned", total, config.usageDedupWindow());
        }
    }
}
