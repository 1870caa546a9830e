package com.mintreu.engine.web;

import java.util.Optional;

/** Turns a session's user id or an API token into a {@link Principal}; implemented by the account feature. */
public interface PrincipalResolver {

    Optional<Principal> byUserId(String userId);

    /** The owner of a live API token given as {@code Authorization: Bearer ...}; empty when unknown or revoked. */
    Optional<Principal> byApiToken(String token);

    /**
     * The owner of a live API token when this node remembers it and has nothing to write for it
     * ({@link FromMemory}: no database); empty when it would have to ask the database.
     */
    Optional<Principal> rememberedApiToken(String token);
}
