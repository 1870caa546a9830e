-- Hot-path snapshots (hotpath/README.md): every change to what license validation, API key
-- verification or an API token's caller depends on leaves a row here, written by triggers in the
-- changing transaction, so no write path can forget it. Every node polls the rows after the last
-- sequence it saw (HotChanges, every 200 ms) and drops the snapshots they name. Columns that only
-- count or time a use (validation counts, last_used_at, the activation window) are left out, so
-- the hot path's own bookkeeping does not empty the caches it feeds. Rows are pruned after 10 min.
CREATE TABLE hot_changes (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind  TEXT NOT NULL,   -- license | plan | product | entitlement | api_key | token | user
    ref   TEXT NOT NULL,   -- the id (or key hash) the kind names
    at_ms BIGINT NOT NULL  -- database time, for pruning only
);
CREATE INDEX hot_changes_at ON hot_changes (at_ms);

CREATE TRIGGER hot_licenses_update AFTER UPDATE OF entitlement_id, product_id, plan_id, customer_id, scheme, license_key, status, expires_at, first_activated_at, first_validated_at, last_check_in_at, extended_ms, max_users ON licenses
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'license', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.id IS NOT NEW.id;
END;

CREATE TRIGGER hot_licenses_delete AFTER DELETE ON licenses
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_license_machines_insert AFTER INSERT ON license_machines
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', NEW.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_license_machines_update AFTER UPDATE ON license_machines
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', NEW.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'license', OLD.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.license_id IS NOT NEW.license_id;
END;

CREATE TRIGGER hot_license_machines_delete AFTER DELETE ON license_machines
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', OLD.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_license_users_insert AFTER INSERT ON license_users
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', NEW.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_license_users_update AFTER UPDATE ON license_users
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', NEW.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'license', OLD.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.license_id IS NOT NEW.license_id;
END;

CREATE TRIGGER hot_license_users_delete AFTER DELETE ON license_users
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('license', OLD.license_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_license_policies_insert AFTER INSERT ON license_policies
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('plan', NEW.plan_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_license_policies_update AFTER UPDATE ON license_policies
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('plan', NEW.plan_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'plan', OLD.plan_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.plan_id IS NOT NEW.plan_id;
END;

CREATE TRIGGER hot_license_policies_delete AFTER DELETE ON license_policies
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('plan', OLD.plan_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_releases_insert AFTER INSERT ON releases
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('product', NEW.product_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_releases_update AFTER UPDATE ON releases
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('product', NEW.product_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'product', OLD.product_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.product_id IS NOT NEW.product_id;
END;

CREATE TRIGGER hot_releases_delete AFTER DELETE ON releases
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('product', OLD.product_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_entitlements_update AFTER UPDATE ON entitlements
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('entitlement', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'entitlement', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.id IS NOT NEW.id;
END;

CREATE TRIGGER hot_entitlements_delete AFTER DELETE ON entitlements
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('entitlement', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_api_keys_update AFTER UPDATE OF entitlement_id, customer_id, product_id, seller_id, name, key_hash, key_prefix, status, created_at, expires_at, rolled_to, revoked_at, revoke_reason ON api_keys
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('api_key', NEW.key_hash, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'api_key', OLD.key_hash, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.key_hash IS NOT NEW.key_hash;
END;

CREATE TRIGGER hot_api_keys_delete AFTER DELETE ON api_keys
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('api_key', OLD.key_hash, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_api_tokens_update AFTER UPDATE OF user_id, token_hash, revoked_at ON api_tokens
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('token', NEW.token_hash, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'token', OLD.token_hash, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.token_hash IS NOT NEW.token_hash;
END;

CREATE TRIGGER hot_api_tokens_delete AFTER DELETE ON api_tokens
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('token', OLD.token_hash, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_users_update AFTER UPDATE ON users
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('user', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'user', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.id IS NOT NEW.id;
END;

CREATE TRIGGER hot_users_delete AFTER DELETE ON users
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('user', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_user_roles_insert AFTER INSERT ON user_roles
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('user', NEW.user_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER hot_user_roles_update AFTER UPDATE ON user_roles
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('user', NEW.user_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO hot_changes (kind, ref, at_ms) SELECT 'user', OLD.user_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.user_id IS NOT NEW.user_id;
END;

CREATE TRIGGER hot_user_roles_delete AFTER DELETE ON user_roles
BEGIN
    INSERT INTO hot_changes (kind, ref, at_ms) VALUES ('user', OLD.user_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
