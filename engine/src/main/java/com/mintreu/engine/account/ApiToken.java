package com.mintreu.engine.account;

/** An API token as listed to its owner: never the token itself, only its readable prefix. */
record ApiToken(String id, String userId, String name, String prefix, long createdAt, Long lastUsedAt, Long revokedAt) {

    boolean revoked() {
        return revokedAt != null;
    }

    /** A token just created: the only moment the secret exists outside the caller's hands. */
    record Created(ApiToken token, String secret) {}
}
