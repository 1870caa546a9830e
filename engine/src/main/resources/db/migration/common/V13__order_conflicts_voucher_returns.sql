-- A state change the order state machine does not allow (a late payment for a fulfilled or
-- canceled order, say) is never applied; it is kept here for an admin to look at.
CREATE TABLE order_conflicts (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (id),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX order_conflicts_created ON order_conflicts (created_at);
CREATE INDEX order_conflicts_order ON order_conflicts (order_id);

-- A voucher use is given back when its order ends unpaid (canceled, expired, failed): the
-- redemption is marked returned by a conditional UPDATE, so the use comes back once.
ALTER TABLE voucher_redemptions ADD COLUMN returned_at BIGINT;
CREATE INDEX voucher_redemptions_order ON voucher_redemptions (order_id);
