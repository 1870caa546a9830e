-- Mails the shop would have sent while no SMTP server is configured, kept for admins to read
-- (only in `mintreu demo` or with mail.keepUnsent). The id is the outbox message id, so a
-- redelivered mail is kept once.
CREATE TABLE captured_mails (
    id         TEXT PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX captured_mails_created ON captured_mails (created_at);
