-- Entitlements: the one model of what a customer may use, granted per paid order line by the
-- line's product type; and licenses, the keys issued for "license" entitlements.
-- (line_id, kind) is unique, so a redelivered order.paid grants nothing twice.

CREATE TABLE entitlements (
    id            TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL REFERENCES users (id),
    order_id      TEXT NOT NULL REFERENCES orders (id),
    line_id       TEXT NOT NULL REFERENCES order_lines (id),
    product_id    TEXT NOT NULL,
    title         TEXT NOT NULL,      -- the line's title, frozen like the line itself
    kind          TEXT NOT NULL,      -- download | license | ...
    data          TEXT NOT NULL,      -- the grant's data as a JSON object of strings
    status        TEXT NOT NULL,      -- active | revoked
    uses          INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    revoke_reason TEXT,
    UNIQUE (line_id, kind)
);
CREATE INDEX entitlements_customer ON entitlements (customer_id, created_at);
CREATE INDEX entitlements_order ON entitlements (order_id);

-- The key is stored: it is a signed token that carries no secret (LicenseScheme), and the customer
-- must be able to see it again at any time.
CREATE TABLE licenses (
    id             TEXT PRIMARY KEY,
    entitlement_id TEXT NOT NULL UNIQUE REFERENCES entitlements (id),
    product_id     TEXT NOT NULL,
    customer_id    TEXT NOT NULL REFERENCES users (id),
    scheme         TEXT NOT NULL,
    license_key    TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL,     -- active | suspended | revoked
    expires_at     BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX licenses_customer ON licenses (customer_id, created_at);
