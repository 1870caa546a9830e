-- Kill switches: an admin turns a feature off on every node at once (payments, downloads, license
-- activations; more register as features land). A feature with no row is on. engaged is INTEGER 0/1
-- so the same SQL runs on SQLite and PostgreSQL. Nodes read this table through a cache of about 2 s.
CREATE TABLE kill_switches (
    id         TEXT PRIMARY KEY,   -- e.g. payments
    engaged    INTEGER NOT NULL,   -- 1: the feature is off
    reason     TEXT NOT NULL,      -- shown to admins; customers see the switch's own message
    changed_by TEXT,
    changed_at BIGINT NOT NULL
);
