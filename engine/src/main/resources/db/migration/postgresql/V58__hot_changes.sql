-- Hot-path snapshots (hotpath/README.md): every change to what license validation, API key
-- verification or an API token's caller depends on leaves a row here, written by triggers in the
-- changing transaction, so no write path can forget it. Every node polls the rows after the last
-- sequence it saw (HotChanges, every 200 ms) and drops the snapshots they name. Columns that only
-- count or time a use (validation counts, last_used_at, the activation window) are left out, so
-- the hot path's own bookkeeping does not empty the caches it feeds. Rows are pruned after 10 min.
CREATE TABLE hot_changes (
    seq   BIGSERIAL PRIMARY KEY,
    kind  TEXT NOT NULL,   -- license | plan | product | entitlement | api_key | token | user
    ref   TEXT NOT NULL,   -- the id (or key hash) the kind names
    at_ms BIGINT NOT NULL  -- database time, for pruning only
);
CREATE INDEX hot_changes_at ON hot_changes (at_ms);

-- TG_ARGV: the kind, then the column naming the row's subject. An update that moves the subject
-- (a machine to another license) names both.
CREATE FUNCTION hot_change() RETURNS trigger AS $$
DECLARE
    new_ref TEXT;
    old_ref TEXT;
    at      BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        new_ref := to_jsonb(NEW) ->> TG_ARGV[1];
        INSERT INTO hot_changes (kind, ref, at_ms) VALUES (TG_ARGV[0], new_ref, at);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        old_ref := to_jsonb(OLD) ->> TG_ARGV[1];
        IF old_ref IS DISTINCT FROM new_ref THEN
            INSERT INTO hot_changes (kind, ref, at_ms) VALUES (TG_ARGV[0], old_ref, at);
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER hot_licenses AFTER UPDATE OF entitlement_id, product_id, plan_id, customer_id, scheme, license_key, status, expires_at, first_activated_at, first_validated_at, last_check_in_at, extended_ms, max_users OR DELETE ON licenses
    FOR EACH ROW EXECUTE FUNCTION hot_change('license', 'id');

CREATE TRIGGER hot_license_machines AFTER INSERT OR UPDATE OR DELETE ON license_machines
    FOR EACH ROW EXECUTE FUNCTION hot_change('license', 'license_id');

CREATE TRIGGER hot_license_users AFTER INSERT OR UPDATE OR DELETE ON license_users
    FOR EACH ROW EXECUTE FUNCTION hot_change('license', 'license_id');

CREATE TRIGGER hot_license_policies AFTER INSERT OR UPDATE OR DELETE ON license_policies
    FOR EACH ROW EXECUTE FUNCTION hot_change('plan', 'plan_id');

CREATE TRIGGER hot_releases AFTER INSERT OR UPDATE OR DELETE ON releases
    FOR EACH ROW EXECUTE FUNCTION hot_change('product', 'product_id');

CREATE TRIGGER hot_entitlements AFTER UPDATE OR DELETE ON entitlements
    FOR EACH ROW EXECUTE FUNCTION hot_change('entitlement', 'id');

CREATE TRIGGER hot_api_keys AFTER UPDATE OF entitlement_id, customer_id, product_id, seller_id, name, key_hash, key_prefix, status, created_at, expires_at, rolled_to, revoked_at, revoke_reason OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION hot_change('api_key', 'key_hash');

CREATE TRIGGER hot_api_tokens AFTER UPDATE OF user_id, token_hash, revoked_at OR DELETE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION hot_change('token', 'token_hash');

CREATE TRIGGER hot_users AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION hot_change('user', 'id');

CREATE TRIGGER hot_user_roles AFTER INSERT OR UPDATE OR DELETE ON user_roles
    FOR EACH ROW EXECUTE FUNCTION hot_change('user', 'user_id');
