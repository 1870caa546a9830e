-- Scheduled jobs run once across all engine nodes: a node runs a job only after taking its lease
-- row with a conditional UPDATE; the lease lasts one interval, so it doubles as the next run time.
CREATE TABLE job_leases (
    name         TEXT PRIMARY KEY,
    owner        TEXT NOT NULL,
    leased_until BIGINT NOT NULL,
    last_run_at  BIGINT,
    last_error   TEXT
);
