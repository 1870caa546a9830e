-- API keys: the keys of an "api_key" entitlement (an API product's purchase). Only the SHA-256 of a
-- key is kept, with a short prefix for lists; the key itself is shown once, when it is made.
-- A purchase may hold a few keys (named by the customer); they share its limits and quota.
-- A rolled key keeps working until expires_at (the roll's overlap), then answers EXPIRED.

CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY,                                   -- key_...
    entitlement_id TEXT NOT NULL REFERENCES entitlements (id),
    customer_id    TEXT NOT NULL REFERENCES users (id),
    product_id     TEXT NOT NULL,
    seller_id      TEXT NOT NULL,
    name           TEXT NOT NULL,
    key_hash       TEXT NOT NULL UNIQUE,
    key_prefix     TEXT NOT NULL,
    status         TEXT NOT NULL,                                      -- active | suspended | revoked
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT,                                             -- set when rolled
    rolled_to      TEXT,                                               -- the key that replaced it
    revoked_at     BIGINT,
    revoke_reason  TEXT,
    last_used_at   BIGINT
);
CREATE INDEX api_keys_entitlement ON api_keys (entitlement_id, created_at);
CREATE INDEX api_keys_customer ON api_keys (customer_id, created_at, id);
CREATE INDEX api_keys_seller ON api_keys (seller_id, created_at, id);

-- One row per purchase that has had a key: makers of keys of one purchase lock it first, so the
-- count of live keys they check cannot be overrun by a racing maker (on PostgreSQL the row lock is
-- held until commit; SQLite runs one write transaction at a time).
CREATE TABLE api_key_purchases (
    entitlement_id TEXT PRIMARY KEY REFERENCES entitlements (id),
    created_at     BIGINT NOT NULL
);
