-- Payout methods that need payees to connect an account first (Stripe Connect): the engine's
-- last known status of each payee there. A run pays only payees with payouts_enabled = 1; the
-- provider's webhooks (account.updated) and the payee's return from onboarding update it.
CREATE TABLE payout_payees (
    method             TEXT NOT NULL,
    payee_id           TEXT NOT NULL,        -- a user id (seller or affiliate)
    account_ref        TEXT,                 -- the provider's account id
    details_submitted  INTEGER NOT NULL,     -- 0 | 1
    payouts_enabled    INTEGER NOT NULL,     -- 0 | 1
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (method, payee_id)
);

-- The payout webhook inbox: each provider event is applied once (a redelivery hits the key).
CREATE TABLE payout_events (
    method       TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,              -- payee_updated | payout_reversed
    subject      TEXT NOT NULL,              -- the payee id or the payout id
    result       TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (method, event_id)
);

-- payouts.status gains 'reversed': a paid payout whose money came back (a reversed transfer).
