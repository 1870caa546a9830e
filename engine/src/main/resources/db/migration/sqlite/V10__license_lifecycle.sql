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
-- SQLite cannot drop NOT NULL, so the table is rebuilt. licenses references it and foreign keys
-- are on: with deferred checks, dropping the table counts the orphaned licenses and re-inserting
-- the rows into the new table counts them back, so the transaction commits clean (PRAGMA
-- foreign_keys cannot be switched inside Flyway's transaction; defer_foreign_keys can).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE entitlements_v10 AS SELECT * FROM entitlements;
DROP TABLE entitlements;
CREATE TABLE entitlements (
    id            TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL REFERENCES users (id),
    order_id      TEXT REFERENCES orders (id),
    line_id       TEXT REFERENCES order_lines (id),
    product_id    TEXT NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    data          TEXT NOT NULL,
    status        TEXT NOT NULL,
    uses          INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    revoke_reason TEXT,
    UNIQUE (line_id, kind)
);
INSERT INTO entitlements (id, customer_id, order_id, line_id, product_id, title, kind, data, status, uses, created_at, expires_at,
                          revoked_at, revoke_reason)
SELECT id, customer_id, order_id, line_id, product_id, title, kind, data, status, uses, created_at, expires_at, revoked_at, revoke_reason
FROM entitlements_v10;
DROP TABLE entitlements_v10;
CREATE INDEX entitlements_customer ON entitlements (customer_id, created_at);
CREATE INDEX entitlements_order ON entitlements (order_id);
