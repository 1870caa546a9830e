-- A seller's manual license issue (POST /api/v1/seller/licenses) takes an Idempotency-Key: a retried
-- request answers with the license the first one made instead of issuing a second one. Keys are
-- per issuer; rows without a key (purchases, issues without the header) hold NULLs, which UNIQUE
-- treats as distinct on both databases.
ALTER TABLE licenses ADD COLUMN issued_by TEXT;
ALTER TABLE licenses ADD COLUMN idempotency_key TEXT;
ALTER TABLE licenses ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX licenses_issue_idempotency ON licenses (issued_by, idempotency_key);
