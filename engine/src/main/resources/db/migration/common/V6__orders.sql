-- Carts, vouchers, orders and the payment webhook inbox.
-- Order lines are a frozen snapshot (title, plan, prices, fee split): later catalog edits never
-- change what a customer bought or paid, so they reference products and plans by id only.

CREATE TABLE carts (
    id         TEXT PRIMARY KEY,
    owner      TEXT NOT NULL UNIQUE, -- 'user:<usr id>' or 'session:<session id hash>'
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE cart_items (
    cart_id  TEXT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    plan_id  TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (cart_id, plan_id)
);

CREATE TABLE vouchers (
    id                 TEXT PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,     -- percent | fixed
    percent_bp         INTEGER,           -- percent: basis points, 2500 = 25 %
    amount_minor       BIGINT,            -- fixed: amount off
    currency           TEXT,              -- fixed: its currency
    expires_at         BIGINT,
    max_uses           INTEGER,
    uses               INTEGER NOT NULL DEFAULT 0,
    per_customer_limit INTEGER,
    created_at         BIGINT NOT NULL
);

CREATE TABLE voucher_products (
    voucher_id TEXT NOT NULL REFERENCES vouchers (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL,
    PRIMARY KEY (voucher_id, product_id)
);

CREATE TABLE orders (
    id                 TEXT PRIMARY KEY,
    customer_id        TEXT NOT NULL REFERENCES users (id),
    status             TEXT NOT NULL,
    currency           TEXT NOT NULL,
    subtotal_minor     BIGINT NOT NULL,
    discount_minor     BIGINT NOT NULL,
    total_minor        BIGINT NOT NULL,
    voucher_id         TEXT REFERENCES vouchers (id),
    gateway            TEXT,
    provider_reference TEXT,
    checkout_url       TEXT,
    idempotency_key    TEXT,
    request_hash       TEXT,
    hold_reason        TEXT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    paid_at            BIGINT,
    fulfilled_at       BIGINT,
    UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX orders_customer ON orders (customer_id, created_at);
CREATE INDEX orders_status ON orders (status, created_at);
CREATE INDEX orders_reference ON orders (gateway, provider_reference);

CREATE TABLE order_lines (
    id                 TEXT PRIMARY KEY,
    order_id           TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    product_id         TEXT NOT NULL,
    plan_id            TEXT NOT NULL,
    seller_id          TEXT NOT NULL,
    product_type       TEXT NOT NULL,
    title              TEXT NOT NULL,
    plan_name          TEXT NOT NULL,
    quantity           INTEGER NOT NULL,
    unit_minor         BIGINT NOT NULL,
    discount_minor     BIGINT NOT NULL,
    total_minor        BIGINT NOT NULL,
    platform_fee_minor BIGINT NOT NULL,
    seller_minor       BIGINT NOT NULL
);
CREATE INDEX order_lines_order ON order_lines (order_id);
CREATE INDEX order_lines_seller ON order_lines (seller_id);

CREATE TABLE voucher_redemptions (
    id          TEXT PRIMARY KEY,
    voucher_id  TEXT NOT NULL REFERENCES vouchers (id),
    customer_id TEXT NOT NULL,
    order_id    TEXT NOT NULL REFERENCES orders (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX voucher_redemptions_customer ON voucher_redemptions (voucher_id, customer_id);

-- Every status change, with why: the order's history for support and admins.
CREATE TABLE order_events (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, created_at);

-- The webhook inbox: (gateway, provider event id) is unique, so a redelivered event is a no-op.
CREATE TABLE payment_events (
    gateway            TEXT NOT NULL,
    provider_event_id  TEXT NOT NULL,
    provider_reference TEXT NOT NULL,
    order_id           TEXT,
    outcome            TEXT NOT NULL,
    amount_minor       BIGINT NOT NULL,
    currency           TEXT NOT NULL,
    raw_type           TEXT NOT NULL,
    result             TEXT NOT NULL,
    received_at        BIGINT NOT NULL,
    PRIMARY KEY (gateway, provider_event_id)
);
