package com.mintreu.engine.license;

import com.mintreu.engine.jobs.PeriodicFlush;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation counts and last-validated times, kept in memory and written in batches. Validation is
 * the engine's hottest path (every start of every app sold); one counter UPDATE per call made each
 * validation a write transaction (an fsync on SQLite) and capped it at a few hundred a second.
 * The counts only inform the seller, so a hard kill may lose the last {@link #FLUSH_EVERY} of them;
 * a clean shutdown flushes. {@code first_validated_at} is not kept here: it can start a license's
 * expiry, so {@link LicenseStore#markFirstValidated} writes it at once, once per license.
 */
@Singleton
public final class ValidationTally implements AutoCloseable {

    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ValidationTally.class);

    /** Mutated only inside {@link ConcurrentHashMap#compute}, so a removed entry is complete. */
    private static final class Pending {
        long count;
        long last;
    }

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final LicenseStore store;
    private final PeriodicFlush flusher = new PeriodicFlush("mintreu-validation-tally", FLUSH_EVERY, this::flush);

    @Inject
    ValidationTally(LicenseStore store) {
        this.store = store;
    }

    void record(String licenseId, long now) {
        add(licenseId, 1, now);
    }

    public void start() {
        flusher.start();
    }

    /** Writes what is pending in one transaction; on failure keeps it for the next flush. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(pending.keySet());
        ids.sort(null); // one lock order for every node flushing at once (PostgreSQL row locks)
        List<LicenseStore.Validations> batch = new ArrayList<>(ids.size());
        for (String id : ids) {
            Pending p = pending.remove(id);
            if (p != null) {
                batch.add(new LicenseStore.Validations(id, p.count, p.last));
            }
        }
        try {
            store.addValidations(batch);
        } catch (RuntimeException e) {
            batch.forEach(v -> add(v.licenseId(), v.count(), v.last()));
            LOG.warn("could not write {} license validation count(s); retrying at the next flush: {}", batch.size(), e.toString());
        }
    }

    private void add(String licenseId, long count, long last) {
        pending.compute(licenseId, (id, p) -> {
            Pending q = p == null ? new Pending() : p;
            q.count += count;
            q.last = Math.max(q.last, last);
            return q;
        });
    }

    /** Stops the flusher and writes what is left. */
    @Override
    public void close() {
        flusher.close();
    }
}
