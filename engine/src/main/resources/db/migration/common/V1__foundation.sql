-- Foundation: engine settings, users and roles, browser sessions, the outbox.
-- Portable SQL for SQLite and PostgreSQL: TEXT ids, BIGINT epoch milliseconds, BOOLEAN flags.

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    email_verified_at   BIGINT,
    password_changed_at BIGINT NOT NULL,
    created_at          BIGINT NOT NULL
);

CREATE TABLE user_roles (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- id_hash is SHA-256 of the cookie value: a copy of this table does not let anyone sign in.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      TEXT REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Domain events and mails, written in the transaction of the change, delivered after commit.
CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,
    topic        TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    available_at BIGINT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    delivered_at BIGINT,
    last_error   TEXT
);
CREATE INDEX outbox_pending ON outbox (delivered_at, available_at);
