-- Seats bought with a subscription: a license's own cap on users, set from the order line's
-- quantity when the plan sells seats. NULL: the plan's policy decides (max_users there).
ALTER TABLE licenses ADD COLUMN max_users INTEGER;
