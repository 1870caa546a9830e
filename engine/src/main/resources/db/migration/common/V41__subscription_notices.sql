-- Dunning and reminder mails of subscriptions (issue 12 point 6): each kind is sent once per
-- subscription period; the row is written in the mail's transaction, so a rerun or a second node sends nothing twice.
CREATE TABLE subscription_notices (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    kind            TEXT NOT NULL,   -- payment_failed | reminder | final_notice | recovered | canceled | trial_ends | renews
    seq             INTEGER NOT NULL, -- the period it is about
    sent_at         BIGINT NOT NULL,
    PRIMARY KEY (subscription_id, kind, seq)
);
