-- The affiliate program. An affiliate is a user with a code for links /r/{code}; status 'active' or
-- 'pending' (waiting for an admin when affiliates.requireApproval is on).
CREATE TABLE affiliates (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL UNIQUE,
    code        TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- One row per click on a link. No IP address is stored: visitor_hash is a salted SHA-256 of the
-- visitor's IP and user agent (the salt never leaves the server), enough to count unique visitors.
CREATE TABLE affiliate_clicks (
    id            TEXT PRIMARY KEY,
    affiliate_id  TEXT NOT NULL REFERENCES affiliates (id),
    product_slug  TEXT,
    visitor_hash  TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX affiliate_clicks_affiliate ON affiliate_clicks (affiliate_id, created_at);

-- The order's attribution, written in the order's checkout transaction from the referral cookie.
CREATE TABLE affiliate_attributions (
    order_id      TEXT PRIMARY KEY REFERENCES orders (id),
    affiliate_id  TEXT NOT NULL REFERENCES affiliates (id),
    click_id      TEXT NOT NULL REFERENCES affiliate_clicks (id),
    created_at    BIGINT NOT NULL
);
CREATE INDEX affiliate_attributions_affiliate ON affiliate_attributions (affiliate_id, created_at);
