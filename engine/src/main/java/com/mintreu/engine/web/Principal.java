package com.mintreu.engine.web;

import java.util.Set;

/**
 * Who is calling: a signed-in user (by session or API token). Roles are lower-case names; {@code ip}
 * is the client address of the request (null outside a request), so audit rows say where a change came from.
 */
public record Principal(String userId, String email, String displayName, Set<String> roles, boolean emailVerified, String ip) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    public Principal(String userId, String email, String displayName, Set<String> roles, boolean emailVerified) {
        this(userId, email, displayName, roles, emailVerified, null);
    }

    /** This caller on a request from {@code clientIp}. */
    public Principal from(String clientIp) {
        return new Principal(userId, email, displayName, roles, emailVerified, clientIp);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has("admin");
    }
}
