package com.mintreu.engine.web;

import java.util.Set;

/** Who is calling: a signed-in user (by session or API token). Roles are lower-case names. */
public record Principal(String userId, String email, String displayName, Set<String> roles, boolean emailVerified) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has("admin");
    }
}
