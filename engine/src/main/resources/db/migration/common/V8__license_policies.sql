-- Licensing engine: a policy per plan, the machines a license is activated on, and the facts about a
-- license that its policy needs (first activation/validation for the expiry basis, check-ins, the
-- activation rate window). Booleans are INTEGER 0/1 so the same SQL runs on SQLite and PostgreSQL.

-- One policy per plan; a plan without a row uses Policy.DEFAULTS (documented in license/README.md).
CREATE TABLE license_policies (
    id                   TEXT PRIMARY KEY,
    plan_id              TEXT NOT NULL UNIQUE REFERENCES plans (id) ON DELETE CASCADE,
    duration_seconds     BIGINT,            -- null: the expiry set at issue (licenseDays) or perpetual
    expiry_basis         TEXT NOT NULL,     -- purchase | first_activation | first_validation
    expiry_strategy      TEXT NOT NULL,     -- restrict | maintain | allow
    grace_seconds        BIGINT NOT NULL,
    floating             INTEGER NOT NULL,  -- 0: node-locked (one machine)
    max_machines         INTEGER NOT NULL,
    max_users            INTEGER,           -- null: unlimited
    require_fingerprint  INTEGER NOT NULL,
    heartbeat_seconds    BIGINT,            -- null: machines need no heartbeat
    check_in_seconds     BIGINT,            -- null: no check-in required
    entitlements         TEXT NOT NULL,     -- JSON array of feature names
    activations_per_hour INTEGER NOT NULL,
    transfer_allowed     INTEGER NOT NULL,
    updated_at           BIGINT NOT NULL
);

-- UNIQUE (license_id, fingerprint): activating the same machine twice can never take two slots.
CREATE TABLE license_machines (
    id                TEXT PRIMARY KEY,
    license_id        TEXT NOT NULL REFERENCES licenses (id) ON DELETE CASCADE,
    fingerprint       TEXT NOT NULL,
    name              TEXT,
    platform          TEXT,
    hostname          TEXT,
    cores             INTEGER,
    created_at        BIGINT NOT NULL,
    last_heartbeat_at BIGINT NOT NULL,
    UNIQUE (license_id, fingerprint)
);
CREATE INDEX license_machines_heartbeat ON license_machines (last_heartbeat_at);

-- One column per statement: SQLite's ALTER TABLE adds one at a time.
ALTER TABLE licenses ADD COLUMN plan_id TEXT;
ALTER TABLE licenses ADD COLUMN first_activated_at BIGINT;
ALTER TABLE licenses ADD COLUMN first_validated_at BIGINT;
ALTER TABLE licenses ADD COLUMN last_validated_at BIGINT;
ALTER TABLE licenses ADD COLUMN validation_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE licenses ADD COLUMN last_check_in_at BIGINT;
ALTER TABLE licenses ADD COLUMN activation_window_start BIGINT;
ALTER TABLE licenses ADD COLUMN activation_window_count INTEGER NOT NULL DEFAULT 0;

-- Licenses issued before this migration learn their plan from the order line they came from.
UPDATE licenses SET plan_id = (SELECT l.plan_id FROM entitlements e JOIN order_lines l ON l.id = e.line_id
                               WHERE e.id = licenses.entitlement_id);
