-- Accounts: one-time links (email verification, password reset), API tokens, seller applications.
-- Portable SQL for SQLite and PostgreSQL: TEXT ids, BIGINT epoch milliseconds.

-- token_hash is SHA-256 of the link's token: a copy of this table cannot verify or reset anything.
-- used_at is set by a conditional UPDATE (... WHERE used_at IS NULL), so a link works exactly once.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- The token itself is shown once; only its SHA-256 and a short non-secret prefix (for lists) stay.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE seller_applications (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    business_name TEXT NOT NULL,
    description   TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT,
    decided_by    TEXT REFERENCES users (id),
    created_at    BIGINT NOT NULL,
    decided_at    BIGINT
);
CREATE INDEX seller_applications_status ON seller_applications (status, created_at);
-- One open application per user, enforced by the database so two racing submits cannot both win.
CREATE UNIQUE INDEX seller_applications_one_open ON seller_applications (user_id) WHERE status = 'pending';
