-- The audit log records where a change came from and is read by admins with filters
-- (actor, action, subject, dates), newest first.
ALTER TABLE audit_log ADD COLUMN ip TEXT;
CREATE INDEX audit_log_created ON audit_log (created_at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
CREATE INDEX audit_log_action ON audit_log (action, created_at);
