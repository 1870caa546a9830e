-- Provider-managed subscriptions (issue 12 point 3): the provider (Stripe, PayPal) renews them and
-- reports each period by webhook; the engine's renewal job never charges them.
ALTER TABLE subscriptions ADD COLUMN provider_managed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN provider_reference TEXT;

-- The engine's subscription id is allocated at checkout, before the subscription exists (it starts
-- when the first order is paid), so the provider can echo it back in every event.
CREATE TABLE provider_subscriptions (
    subscription_id    TEXT PRIMARY KEY,                          -- sub_..., the id the subscription gets
    gateway            TEXT NOT NULL,
    order_id           TEXT NOT NULL REFERENCES orders (id),      -- the first period's order
    line_id            TEXT NOT NULL UNIQUE REFERENCES order_lines (id),
    provider_reference TEXT,                                      -- the provider's subscription id, once known
    created_at         BIGINT NOT NULL
);
CREATE INDEX provider_subscriptions_ref ON provider_subscriptions (gateway, provider_reference);

-- Each period the provider reported paid, once per (subscription, payment reference): two events
-- about one invoice book it once; seq is unique too, so one period is never paid by two invoices.
CREATE TABLE provider_subscription_payments (
    subscription_id   TEXT NOT NULL,
    payment_reference TEXT NOT NULL,                              -- Stripe in_..., PayPal sale id
    seq               INTEGER NOT NULL,
    order_id          TEXT NOT NULL,                              -- recorded before the renewal order is placed, in its transaction
    created_at        BIGINT NOT NULL,
    PRIMARY KEY (subscription_id, payment_reference),
    UNIQUE (subscription_id, seq)
);
