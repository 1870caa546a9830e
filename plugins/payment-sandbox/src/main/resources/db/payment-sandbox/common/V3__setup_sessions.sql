-- Setup sessions: a hosted page that takes no money and only saves a card (a free trial whose plan
-- asks for a card up front). amount_minor is 0; the page refuses to finish without saving a card.
ALTER TABLE payment_sandbox_sessions ADD COLUMN setup INTEGER NOT NULL DEFAULT 0;
