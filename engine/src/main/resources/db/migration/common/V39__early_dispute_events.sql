-- Dispute events that arrive before the payment they dispute is complete (events out of order), kept
-- like early_refund_events and applied in the transaction that makes the order paid: a dispute
-- applied to an unpaid order would suspend licenses that do not exist yet, and the grant that
-- follows the payment would hand out active ones while the dispute is open.
CREATE TABLE early_dispute_events (
    gateway             TEXT NOT NULL,
    provider_event_id   TEXT NOT NULL,
    order_id            TEXT NOT NULL REFERENCES orders (id),
    provider_reference  TEXT NOT NULL,
    provider_dispute_id TEXT NOT NULL,
    status              TEXT NOT NULL,
    amount_minor        BIGINT NOT NULL,
    currency            TEXT NOT NULL,
    reason              TEXT,
    raw_type            TEXT NOT NULL,
    occurred_at         BIGINT NOT NULL,
    received_at         BIGINT NOT NULL,
    PRIMARY KEY (gateway, provider_event_id)
);
CREATE INDEX early_dispute_events_order ON early_dispute_events (order_id, received_at);
