-- Hosted checkout sessions of the payment sandbox: the sandbox's own "provider truth".
CREATE TABLE payment_sandbox_sessions (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,     -- cs_...; the provider reference
    idempotency_key VARCHAR(255) NOT NULL UNIQUE,          -- a retried createCheckout returns the same row
    order_id        VARCHAR(64)  NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    lines_json      TEXT         NOT NULL,
    customer_email  VARCHAR(320),
    return_url      TEXT         NOT NULL,
    cancel_url      TEXT         NOT NULL,
    form_token      VARCHAR(64)  NOT NULL,                 -- per-session token the page's form must echo
    state           VARCHAR(16)  NOT NULL,                 -- OPEN, PENDING, SUCCEEDED, DECLINED
    refunded_minor  BIGINT       NOT NULL DEFAULT 0,
    last_event      TEXT,                                  -- JSON of the last webhook, re-sent verbatim by "resend"
    created_at      BIGINT       NOT NULL,                 -- epoch milliseconds
    updated_at      BIGINT       NOT NULL
);

CREATE TABLE payment_sandbox_refunds (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,     -- re_...
    session_id      VARCHAR(64)  NOT NULL REFERENCES payment_sandbox_sessions (id),
    idempotency_key VARCHAR(255) NOT NULL UNIQUE,
    amount_minor    BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    created_at      BIGINT       NOT NULL
);
