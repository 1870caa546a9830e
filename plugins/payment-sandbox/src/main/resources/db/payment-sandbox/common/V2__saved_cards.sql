-- "Save my card" on the hosted page, and merchant-initiated charges of a saved card (renewals).
-- The test card decides what later charges do: 4000 0000 0000 0341 saves but declines off-session.
CREATE TABLE payment_sandbox_methods (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,           -- pm_...
    session_id VARCHAR(64) NOT NULL UNIQUE REFERENCES payment_sandbox_sessions (id),
    last4      CHAR(4)     NOT NULL,
    declines   INTEGER     NOT NULL,                       -- 1: off-session charges of this card are declined
    created_at BIGINT      NOT NULL
);

CREATE TABLE payment_sandbox_charges (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,     -- ch_...; the provider reference of the charge
    idempotency_key VARCHAR(255) NOT NULL UNIQUE,          -- a retried charge returns this row
    method_id       VARCHAR(64)  NOT NULL REFERENCES payment_sandbox_methods (id),
    order_id        VARCHAR(64)  NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,                 -- SUCCEEDED | DECLINED
    created_at      BIGINT       NOT NULL
);
