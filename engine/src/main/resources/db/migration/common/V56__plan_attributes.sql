-- Per-plan attributes (issue 13: an API's Basic and Pro plans with their own quota, rate limits and
-- overage price): the plan's values of its product type's plan fields, as a JSON object of strings.
-- Null for plans without any (every plan made before this).
ALTER TABLE plans ADD COLUMN attributes TEXT;
