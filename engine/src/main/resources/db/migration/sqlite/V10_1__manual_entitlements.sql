-- Manual licenses: a seller issues a license without an order, so an entitlement may have no
-- order line. UNIQUE (line_id, kind) still holds for every line-based grant (NULLs never collide).
-- SQLite cannot drop NOT NULL, so the table is rebuilt. licenses references it and foreign keys
-- are on: with deferred checks, dropping the table counts the orphaned licenses and re-inserting
-- the rows into the new table counts them back, so the transaction commits clean (PRAGMA
-- foreign_keys cannot be switched inside Flyway's transaction; defer_foreign_keys can).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE entitlements_v10 AS SELECT * FROM entitlements;
DROP TABLE entitlements;
CREATE TABLE entitlements (
    id            TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL REFERENCES users (id),
    order_id      TEXT REFERENCES orders (id),
    line_id       TEXT REFERENCES order_lines (id),
    product_id    TEXT NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    data          TEXT NOT NULL,
    status        TEXT NOT NULL,
    uses          INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    revoke_reason TEXT,
    UNIQUE (line_id, kind)
);
INSERT INTO entitlements (id, customer_id, order_id, line_id, product_id, title, kind, data, status, uses, created_at, expires_at,
                          revoked_at, revoke_reason)
SELECT id, customer_id, order_id, line_id, product_id, title, kind, data, status, uses, created_at, expires_at, revoked_at, revoke_reason
FROM entitlements_v10;
DROP TABLE entitlements_v10;
CREATE INDEX entitlements_customer ON entitlements (customer_id, created_at);
CREATE INDEX entitlements_order ON entitlements (order_id);
