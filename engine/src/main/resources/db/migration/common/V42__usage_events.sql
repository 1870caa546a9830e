-- Usage events a seller's server reports for the API keys of its products (POST /api/v1/usage).
-- One row per accepted event: the unique (seller_id, event_id) makes a replayed or racing event add
-- nothing (INSERT ... ON CONFLICT DO NOTHING), on SQLite and PostgreSQL alike.
CREATE TABLE usage_events (
    seller_id      TEXT NOT NULL,
    event_id       TEXT NOT NULL,                                      -- the seller's id of the event
    key_id         TEXT NOT NULL REFERENCES api_keys (id),
    entitlement_id TEXT NOT NULL REFERENCES entitlements (id),
    units          BIGINT NOT NULL,
    occurred_at    BIGINT NOT NULL,                                    -- the event's `at` (or when it was received)
    received_at    BIGINT NOT NULL,
    PRIMARY KEY (seller_id, event_id)
);
CREATE INDEX usage_events_received ON usage_events (received_at);

-- Totals of accepted events, written in the same transaction as the events: per key and minute
-- (grain 'minute') and per key and billing period (grain 'month', a UTC calendar month, as the
-- meter's quota window). bucket_start is the epoch ms the minute or month starts.
CREATE TABLE usage_rollups (
    key_id         TEXT NOT NULL REFERENCES api_keys (id),
    grain          TEXT NOT NULL,                                      -- minute | month
    bucket_start   BIGINT NOT NULL,
    entitlement_id TEXT NOT NULL REFERENCES entitlements (id),
    units          BIGINT NOT NULL,
    events         BIGINT NOT NULL,
    PRIMARY KEY (key_id, grain, bucket_start)
);
CREATE INDEX usage_rollups_entitlement ON usage_rollups (entitlement_id, grain, bucket_start);
