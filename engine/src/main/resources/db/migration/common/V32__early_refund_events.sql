-- Refund events that arrive before the payment they refund is complete (events out of order: the
-- provider's refund.succeeded overtook its payment.succeeded). They are kept here, and applied in
-- the transaction that makes the order paid; the webhook inbox (payment_events) still records each
-- event once, with result EARLY until then.
CREATE TABLE early_refund_events (
    gateway            TEXT NOT NULL,
    provider_event_id  TEXT NOT NULL,
    order_id           TEXT NOT NULL REFERENCES orders (id),
    provider_reference TEXT NOT NULL,
    provider_refund_id TEXT NOT NULL,
    engine_refund_id   TEXT,
    status             TEXT NOT NULL,
    amount_minor       BIGINT NOT NULL,
    currency           TEXT NOT NULL,
    raw_type           TEXT NOT NULL,
    occurred_at        BIGINT NOT NULL,
    received_at        BIGINT NOT NULL,
    PRIMARY KEY (gateway, provider_event_id)
);
CREATE INDEX early_refund_events_order ON early_refund_events (order_id, received_at);
