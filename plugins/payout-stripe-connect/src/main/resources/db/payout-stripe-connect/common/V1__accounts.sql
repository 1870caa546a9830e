-- The Stripe connected account of each payee (a user id), created once on their first
-- "Set up payouts with Stripe". Stripe keeps the account's state; this only maps the ids.
CREATE TABLE payout_stripe_connect_accounts (
    payee_id    TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
