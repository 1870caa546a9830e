package com.mintreu.engine.web;

import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.web.session.Sessions;
import javax.inject.Inject;
import javax.inject.Singleton;

/** What every {@link Exchange} needs from the engine, gathered once. */
@Singleton
public final class WebContext {

    private final ServerConfig server;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Templates templates;
    private final PrincipalResolver principals;
    private final java.util.Set<com.mintreu.engine.web.session.SignInListener> signInListeners;

    @Inject
    WebContext(ServerConfig server, Sessions sessions, Csrf csrf, Templates templates, PrincipalResolver principals,
            java.util.Set<com.mintreu.engine.web.session.SignInListener> signInListeners) {
        this.signInListeners = signInListeners;
        this.server = server;
        this.sessions = sessions;
        this.csrf = csrf;
        this.templates = templates;
        this.principals = principals;
    }

    long maxBodyBytes() {
        return server.maxBodyBytes();
    }

    boolean secureCookies() {
        return server.secureCookies();
    }

    Sessions sessions() {
        return sessions;
    }

    Csrf csrf() {
        return csrf;
    }

    Templates templates() {
        return templates;
    }

    java.util.Set<com.mintreu.engine.web.session.SignInListener> signInListeners() {
        return signInListeners;
    }

    PrincipalResolver principals() {
        return principals;
    }
}
