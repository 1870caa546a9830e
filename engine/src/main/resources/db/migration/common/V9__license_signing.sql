-- Ed25519 keys the engine signs license API responses ('engine' scope) and license files (one
-- scope per product) with. Public keys stay published until expires_at, so files signed before a
-- rotation keep verifying; private keys are sealed with AES-256-GCM under a key derived from the
-- engine's master secret and never leave the engine.
CREATE TABLE license_signing_keys (
    kid                TEXT PRIMARY KEY,
    scope              TEXT NOT NULL,      -- 'engine' or a product id
    public_key         TEXT NOT NULL,      -- X.509 SubjectPublicKeyInfo DER, base64
    private_key_sealed TEXT NOT NULL,      -- base64(12-byte nonce || AES-256-GCM(PKCS#8 DER)), AAD = kid
    created_at         BIGINT NOT NULL,
    retired_at         BIGINT,             -- null = the scope's active key
    expires_at         BIGINT              -- null = never (active); set on retirement
);
-- one active key per scope: two nodes generating at once cannot both win
CREATE UNIQUE INDEX license_signing_keys_active ON license_signing_keys (scope) WHERE retired_at IS NULL;
CREATE INDEX license_signing_keys_scope ON license_signing_keys (scope, created_at);
