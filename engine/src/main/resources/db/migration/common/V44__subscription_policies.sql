-- Seller policies for running subscriptions of a product (issue 12, points 2 and 5), and the credit
-- an immediate downgrade leaves on a subscription. No row: both policies off (the documented
-- defaults: cancel now refunds nothing; a downgrade waits for the next renewal).
CREATE TABLE subscription_policies (
    product_id              TEXT PRIMARY KEY REFERENCES products (id),
    refund_unused_on_cancel INTEGER NOT NULL DEFAULT 0,   -- 1: cancel now refunds the unused part of the paid period
    downgrade_credit_now    INTEGER NOT NULL DEFAULT 0,   -- 1: a downgrade applies now and credits the unused difference
    updated_at              BIGINT NOT NULL
);
-- Credit (minor units, the subscription's currency) taken off the next renewal orders as a discount.
ALTER TABLE subscriptions ADD COLUMN credit_minor BIGINT NOT NULL DEFAULT 0;
