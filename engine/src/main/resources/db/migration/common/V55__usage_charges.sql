-- Usage billing (issue 13 point 7): one row per (API purchase, billing period) the usage-billing job
-- has closed, whether or not it went over the quota. The unique (entitlement_id, period_start) is
-- what makes a period billed once however many nodes run the job; an overage's order is placed in
-- the same transaction, with the idempotency key usage:<entitlement>:<period start>.
CREATE TABLE usage_charges (
    id              TEXT PRIMARY KEY,                                  -- uch_...
    entitlement_id  TEXT NOT NULL REFERENCES entitlements (id),
    period_start    BIGINT NOT NULL,
    period_end      BIGINT NOT NULL,
    units           BIGINT NOT NULL,                                   -- reported units in the period (usage_rollups)
    quota           BIGINT NOT NULL,
    overage_units   BIGINT NOT NULL,                                   -- max(0, units - quota)
    unit_minor      BIGINT NOT NULL,                                   -- the overage price frozen at purchase
    amount_minor    BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    order_id        TEXT REFERENCES orders (id),                       -- null when nothing is owed
    status          TEXT NOT NULL,                                     -- none | charging | awaiting_payment | charged | declined
    idempotency_key TEXT,                                              -- the off-session charge's key, stored before the call
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (entitlement_id, period_start)
);
CREATE INDEX usage_charges_status ON usage_charges (status, created_at);
