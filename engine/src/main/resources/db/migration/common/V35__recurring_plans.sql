-- Recurring plans (issue 12): a plan with a billing interval is sold as a subscription. Null
-- billing_interval keeps a plan one-time. One column per statement (SQLite's ALTER TABLE).
ALTER TABLE plans ADD COLUMN billing_interval TEXT;                                 -- week | month | year | days
ALTER TABLE plans ADD COLUMN interval_days INTEGER;                                 -- the period in days, for 'days'
ALTER TABLE plans ADD COLUMN trial_days INTEGER NOT NULL DEFAULT 0;                 -- 0: no trial
ALTER TABLE plans ADD COLUMN trial_requires_payment_method INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN seats INTEGER NOT NULL DEFAULT 0;                      -- 1: the quantity bought is seats
