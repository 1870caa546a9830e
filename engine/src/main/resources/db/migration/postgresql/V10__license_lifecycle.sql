-- One file per dialect: the entitlements change below differs (SQLite must rebuild the table); the rest is identical.
-- License lifecycle: an audit log any feature writes in its own transaction, the seller's renewals
-- and extensions, the expiry job's record, and the expiry reminders already sent.

-- Who changed what. actor_role is the capacity the actor acted in (admin, seller, system);
-- detail is a JSON object. Append-only: nothing updates or deletes rows.
CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY,
    actor_id     TEXT,              -- null for the engine itself (jobs)
    actor_role   TEXT NOT NULL,
    action       TEXT NOT NULL,     -- e.g. license.suspend
    subject_type TEXT NOT NULL,     -- e.g. license
    subject_id   TEXT NOT NULL,
    detail       TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, created_at);

-- Renewals and extensions add to the effective expiry (whether it comes from the issue or from the
-- policy's duration), so the original term stays visible. lapsed_at: when the license-expire job
-- saw the effective expiry plus grace pass; cleared by a renewal or extension.
ALTER TABLE licenses ADD COLUMN extended_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE licenses ADD COLUMN lapsed_at BIGINT;

-- One row per reminder sent, keyed by the expiry it announced: a rerun, or a second node running
-- the job at the same moment, cannot insert it twice, and a renewed license is reminded again.
CREATE TABLE license_reminders (
    license_id TEXT NOT NULL REFERENCES licenses (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,       -- 7d | 1d
    expires_at BIGINT NOT NULL,
    sent_at    BIGINT NOT NULL,
    PRIMARY KEY (license_id, kind, expires_at)
);

-- Manual licenses (dialect part): a seller issues a license without an order, so an entitlement may have no
-- order line. UNIQUE (line_id, kind) still holds for every line-based grant (NULLs never collide).
ALTER TABLE entitlements ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE entitlements ALTER COLUMN line_id DROP NOT NULL;
