package com.mintreu.engine.account;

import java.util.Set;

/** A person with an account. {@code passwordHash} is an Argon2id PHC string and never leaves the service. */
record User(String id, String email, String displayName, String passwordHash, Long emailVerifiedAt, long createdAt, Set<String> roles) {

    User {
        roles = Set.copyOf(roles);
    }

    boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    User withRoles(Set<String> newRoles) {
        return new User(id, email, displayName, passwordHash, emailVerifiedAt, createdAt, newRoles);
    }
}
