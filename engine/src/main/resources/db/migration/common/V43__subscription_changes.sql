-- Plan and seat changes of running subscriptions (issue 12, points 5 and 4's seats). An upgrade or
-- a seat increase is 'charging' while its prorated order is charged, then 'applied' or 'declined';
-- a downgrade or a seat decrease is 'scheduled' until the next renewal applies it ('applied'), or
-- the customer undoes it ('undone'). At most one change is open per subscription: the partial
-- unique index is the lock two racing requests meet.
CREATE TABLE subscription_changes (
    id              TEXT PRIMARY KEY,                        -- spc_...
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    kind            TEXT NOT NULL,                           -- upgrade | downgrade
    from_plan_id    TEXT NOT NULL,
    to_plan_id      TEXT NOT NULL,
    to_plan_name    TEXT NOT NULL,
    from_quantity   INTEGER NOT NULL,
    to_quantity     INTEGER NOT NULL,
    from_unit_minor BIGINT NOT NULL,
    to_unit_minor   BIGINT NOT NULL,                         -- the new plan's price when the change was asked; frozen
    currency        TEXT NOT NULL,
    amount_minor    BIGINT NOT NULL,                         -- the prorated charge (0 for a scheduled change)
    at_seq          INTEGER NOT NULL,                        -- the period in which it was asked
    order_id        TEXT REFERENCES orders (id),             -- the prorated order; null when nothing is charged
    status          TEXT NOT NULL,                           -- charging | applied | declined | scheduled | undone
    reason          TEXT,                                    -- why declined
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX subscription_changes_sub ON subscription_changes (subscription_id, created_at);
CREATE UNIQUE INDEX subscription_changes_open ON subscription_changes (subscription_id) WHERE status IN ('charging', 'scheduled');
