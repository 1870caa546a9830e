-- License seats: the users (an email or account name chosen by the seller's app) that hold a seat
-- on a license. A policy's max_users caps them. user_key is the identifier lower-cased, so
-- "Ann@Example.com" and "ann@example.com" are one seat; user_name keeps it as first claimed.
-- UNIQUE (license_id, user_key): claiming the same user twice can never take two seats, and it is
-- the index the seat count and lookups use.
CREATE TABLE license_users (
    id         TEXT PRIMARY KEY,
    license_id TEXT NOT NULL REFERENCES licenses (id) ON DELETE CASCADE,
    user_name  TEXT NOT NULL,
    user_key   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (license_id, user_key)
);
