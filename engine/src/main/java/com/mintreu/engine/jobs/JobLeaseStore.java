package com.mintreu.engine.jobs;

import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** SQL for {@code job_leases}. */
@Singleton
final class JobLeaseStore {

    private final Jdbi jdbi;

    @Inject
    JobLeaseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** True when this node took the lease: the row was free (expired) and our UPDATE changed it. */
    boolean acquire(String job, String owner, long now, long until) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO job_leases (name, owner, leased_until) VALUES (:name, '', 0) ON CONFLICT (name) DO NOTHING")
                    .bind("name", job).execute();
            return h.createUpdate("UPDATE job_leases SET owner = :owner, leased_until = :until WHERE name = :name AND leased_until <= :now")
                    .bind("owner", owner).bind("until", until).bind("name", job).bind("now", now).execute() == 1;
        });
    }

    /** Until when the job's lease is held: its next run (null before its first). */
    Long leasedUntil(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT leased_until FROM job_leases WHERE name = :name").bind("name", job)
                .mapTo(Long.class).findOne().orElse(null));
    }

    void finished(String job, long at, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job_leases SET last_run_at = :at, last_error = :error WHERE name = :name")
                .bind("at", at).bind("error", error).bind("name", job).execute());
    }
}
