-- Every domain event goes to EVERY subscriber, each with its own attempts, backoff and dead state.
-- An outbox row is now fanned out once (outbox.delivered_at = when its delivery rows were made);
-- the rows below are what is delivered. outbox.attempts and outbox.last_error are no longer
-- written. Rows written before this migration and not yet delivered fan out like new ones: their
-- payloads (order.paid: {orderId}) still decode, so nothing is lost on upgrade.
CREATE TABLE outbox_deliveries (
    event_id     TEXT NOT NULL REFERENCES outbox (id),
    subscriber   TEXT NOT NULL,
    topic        TEXT NOT NULL,
    status       TEXT NOT NULL,            -- pending | delivered | dead
    attempts     INTEGER NOT NULL DEFAULT 0,
    available_at BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    delivered_at BIGINT,
    last_error   TEXT,
    PRIMARY KEY (event_id, subscriber)
);
CREATE INDEX outbox_deliveries_due ON outbox_deliveries (status, available_at);
CREATE INDEX outbox_fan_out ON outbox (delivered_at, created_at);
