-- Payment methods as the admin arranges them (issue 11, point 3): the order in which the cart and
-- "Pay now" offer the running gateways, and which one is preselected. Nodes read both tables
-- through a cache of about 2 s (like kill switches).

-- One row (id = 1). default_gateway NULL: the admin never chose, orders.defaultGateway applies.
-- Every save updates this row first, so concurrent saves queue behind its row lock.
CREATE TABLE payment_method_settings (
    id              INTEGER PRIMARY KEY,
    default_gateway TEXT,
    changed_by      TEXT,
    changed_at      BIGINT NOT NULL
);
INSERT INTO payment_method_settings (id, default_gateway, changed_by, changed_at) VALUES (1, NULL, NULL, 0);

-- The saved position of each gateway the admin arranged (1 first). A gateway whose plugin is
-- disabled or failed keeps its row: it is not offered, and takes its place again when it runs.
-- display_name is the name it last showed, for the admin page while it is not running.
CREATE TABLE payment_method_positions (
    gateway      TEXT PRIMARY KEY,
    position     INTEGER NOT NULL,
    display_name TEXT NOT NULL
);

-- Reconciliation of late payments: orders that ended expired or failed recently, by when they ended.
CREATE INDEX orders_status_updated ON orders (status, updated_at, id);
