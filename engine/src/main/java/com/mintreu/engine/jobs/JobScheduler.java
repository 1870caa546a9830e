package com.mintreu.engine.jobs;

import com.mintreu.engine.db.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks every few seconds and runs each due {@link Job} whose lease this node can take, so a job
 * runs once per interval however many nodes share the database.
 */
@Singleton
public final class JobScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final long TICK_MS = 5_000;

    private final Set<Job> jobs;
    private final JobLeaseStore leases;
    private final Clock clock;
    private final String node = Ids.next("node");
    private ScheduledExecutorService scheduler;

    @Inject
    JobScheduler(Set<Job> jobs, JobLeaseStore leases, Clock clock) {
        this.jobs = jobs;
        this.leases = leases;
        this.clock = clock;
    }

    public synchronized void start() {
        if (scheduler == null && !jobs.isEmpty()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mintreu-jobs"));
            scheduler.scheduleWithFixedDelay(this::runDueSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void runDueSafely() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warn("job tick failed; next tick retries: {}", e.toString());
        }
    }

    /** Runs every job that is due and whose lease this node took; returns their names. */
    public List<String> runDue() {
        List<String> ran = new ArrayList<>();
        for (Job job : jobs) {
            long now = clock.millis();
            if (!leases.acquire(job.name(), node, now, now + job.interval().toMillis())) {
                continue;
            }
            String error = null;
            try {
                job.run();
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("job {} failed: {}", job.name(), error);
            }
            leases.finished(job.name(), clock.millis(), error);
            ran.add(job.name());
        }
        return ran;
    }

    /**
     * When {@code job} runs next, epoch ms: the end of its current lease (a run takes the lease for
     * one interval), or now when it never ran or is due (the next tick runs it).
     */
    public long nextRun(String job) {
        Long until = leases.leasedUntil(job);
        long now = clock.millis();
        return until == null ? now : Math.max(until, now);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
