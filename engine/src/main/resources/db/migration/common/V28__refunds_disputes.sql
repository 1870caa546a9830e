-- Refunds and disputes (chargebacks). See engine/.../order/README-refunds.md.
-- A refund's idempotency_key is stored with the row, before the gateway is first called, and sent
-- on every retry. Amounts are per line (refund_lines); the sum of a line's refunds that are not
-- declined or failed never exceeds the line's total (checked under the order's row lock).

CREATE TABLE refunds (
    id                 TEXT PRIMARY KEY,
    order_id           TEXT NOT NULL REFERENCES orders (id),
    customer_id        TEXT NOT NULL,
    status             TEXT NOT NULL,          -- requested | approved | processing | succeeded | failed | declined
    source             TEXT NOT NULL,          -- customer | admin | provider | dispute
    reason             TEXT,
    requested_by       TEXT,                   -- user id; null for the provider or a dispute
    amount_minor       BIGINT NOT NULL,
    currency           TEXT NOT NULL,
    gateway            TEXT,
    idempotency_key    TEXT NOT NULL UNIQUE,
    provider_refund_id TEXT,
    decided_by         TEXT,
    decision_note      TEXT,
    failure            TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    BIGINT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    UNIQUE (gateway, provider_refund_id)
);
CREATE INDEX refunds_order ON refunds (order_id, created_at);
CREATE INDEX refunds_status ON refunds (status, created_at);

CREATE TABLE refund_lines (
    refund_id    TEXT NOT NULL REFERENCES refunds (id),
    line_id      TEXT NOT NULL REFERENCES order_lines (id),
    seller_id    TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (refund_id, line_id)
);
CREATE INDEX refund_lines_line ON refund_lines (line_id);
CREATE INDEX refund_lines_seller ON refund_lines (seller_id, refund_id);

CREATE TABLE refund_events (
    refund_id   TEXT NOT NULL REFERENCES refunds (id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX refund_events_refund ON refund_events (refund_id, at);

CREATE TABLE disputes (
    id                  TEXT PRIMARY KEY,
    order_id            TEXT NOT NULL REFERENCES orders (id),
    gateway             TEXT NOT NULL,
    provider_dispute_id TEXT NOT NULL,
    status              TEXT NOT NULL,         -- opened | won | lost
    amount_minor        BIGINT NOT NULL,
    currency            TEXT NOT NULL,
    reason              TEXT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    UNIQUE (gateway, provider_dispute_id)
);
CREATE INDEX disputes_order ON disputes (order_id);
