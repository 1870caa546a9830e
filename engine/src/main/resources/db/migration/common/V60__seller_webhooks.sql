-- Signed webhooks to sellers (engine/.../webhook/README.md). An endpoint belongs to one seller;
-- its signing secret is sealed (AES-256-GCM under a key derived from the master secret) because it
-- must be usable to sign; the secret before a rotation keeps signing until previous_until.
CREATE TABLE webhook_endpoints (
    id               TEXT PRIMARY KEY,
    seller_id        TEXT NOT NULL REFERENCES users (id),
    url              TEXT NOT NULL,
    description      TEXT NOT NULL,
    events           TEXT NOT NULL,         -- space-separated event types
    secret_sealed    TEXT NOT NULL,
    previous_sealed  TEXT,
    previous_until   BIGINT,
    status           TEXT NOT NULL,         -- active | disabled
    disabled_reason  TEXT,
    failing_since    BIGINT,                -- first failed attempt since the last 2xx
    created_at       BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_seller ON webhook_endpoints (seller_id, created_at);

-- One message per (endpoint, domain event): its id is the webhook-id, the same on every attempt.
CREATE TABLE webhook_messages (
    id            TEXT PRIMARY KEY,
    endpoint_id   TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id      TEXT NOT NULL,
    type          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    status        TEXT NOT NULL,            -- pending | delivered | failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       BIGINT NOT NULL,          -- due (pending) or leased until (being attempted)
    created_at    BIGINT NOT NULL,
    delivered_at  BIGINT,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_messages_due ON webhook_messages (status, next_at);
CREATE INDEX webhook_messages_endpoint ON webhook_messages (endpoint_id, created_at);

-- The delivery log: every attempt, automatic or "send again".
CREATE TABLE webhook_attempts (
    id           TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
    attempted_at BIGINT NOT NULL,
    status_code  INTEGER,                   -- null when no answer came
    duration_ms  BIGINT NOT NULL,
    error        TEXT
);
CREATE INDEX webhook_attempts_message ON webhook_attempts (message_id, attempted_at);
