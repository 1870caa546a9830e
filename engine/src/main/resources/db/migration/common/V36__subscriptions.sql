-- Subscriptions (issue 12, first slice): the state machine, every period with the order that paid
-- it, and each charge attempt keyed for idempotency. Renewal orders name their subscription.
ALTER TABLE orders ADD COLUMN renewal_of TEXT;

CREATE TABLE subscriptions (
    id                     TEXT PRIMARY KEY,                 -- sub_...
    customer_id            TEXT NOT NULL REFERENCES users (id),
    product_id             TEXT NOT NULL,
    plan_id                TEXT NOT NULL,
    seller_id              TEXT NOT NULL,
    origin_order_id        TEXT NOT NULL REFERENCES orders (id),
    origin_line_id         TEXT NOT NULL UNIQUE REFERENCES order_lines (id),  -- one subscription per line bought
    title                  TEXT NOT NULL,
    plan_name              TEXT NOT NULL,
    status                 TEXT NOT NULL,                    -- trialing | active | past_due | paused | canceled
    billing_interval       TEXT NOT NULL,                    -- the plan's at purchase: week | month | year | days
    interval_days          INTEGER,
    quantity               INTEGER NOT NULL,
    unit_minor             BIGINT NOT NULL,                  -- the plan's price at purchase; renewals charge unit x quantity
    currency               TEXT NOT NULL,
    gateway                TEXT,
    payment_method         TEXT,                             -- the provider's saved method id; never card data
    payment_method_summary TEXT,
    anchor_at              BIGINT NOT NULL,                  -- start of the first paid period; period ends count from it
    paid_from_seq          INTEGER NOT NULL,                 -- 0, or 1 after a trial (period 0)
    current_seq            INTEGER NOT NULL,
    current_period_start   BIGINT NOT NULL,
    current_period_end     BIGINT NOT NULL,
    cancel_at_period_end   INTEGER NOT NULL DEFAULT 0,
    past_due_since         BIGINT,
    next_retry_at          BIGINT,
    canceled_at            BIGINT,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id, created_at);
CREATE INDEX subscriptions_due ON subscriptions (status, current_period_end);

-- (subscription, seq) is unique: however many nodes run the renewal job, a period is opened once.
CREATE TABLE subscription_periods (
    id              TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,                           -- trial | paid
    starts_at       BIGINT NOT NULL,
    ends_at         BIGINT NOT NULL,
    order_id        TEXT REFERENCES orders (id),             -- the order that pays it
    status          TEXT NOT NULL,                           -- open | paid | unpaid
    created_at      BIGINT NOT NULL,
    paid_at         BIGINT,
    UNIQUE (subscription_id, seq)
);
CREATE INDEX subscription_periods_order ON subscription_periods (order_id);

-- Each try to charge a period's order. The key is stored before the gateway is called and reused
-- on every retry of that try (timeout, crash, second node); a new try after a decline is a new key.
CREATE TABLE subscription_charges (
    idempotency_key TEXT PRIMARY KEY,                        -- <sub id>:p<seq>:a<attempt>
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    seq             INTEGER NOT NULL,
    attempt         INTEGER NOT NULL,
    order_id        TEXT NOT NULL REFERENCES orders (id),
    status          TEXT NOT NULL,                           -- charging | succeeded | declined | no_method
    provider_ref    TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (subscription_id, seq, attempt)
);
CREATE INDEX subscription_charges_open ON subscription_charges (status, created_at);

-- Every status change, with why.
CREATE TABLE subscription_events (
    id              TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    from_status     TEXT,
    to_status       TEXT NOT NULL,
    reason          TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX subscription_events_sub ON subscription_events (subscription_id, created_at);
