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
    private final java.util.Set<ResponseSigner> responseSigners;
    private final java.time.Clock clock;

    @Inject
    WebContext(ServerConfig server, Sessions sessions, Csrf csrf, Templates templates, PrincipalResolver principals,
            java.util.Set<com.mintreu.engine.web.session.SignInListener> signInListeners, java.util.Set<ResponseSigner> responseSigners,
            java.time.Clock clock) {
        this.responseSigners = responseSigners;
        this.clock = clock;
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

    java.util.Set<ResponseSigner> responseSigners() {
        return responseSigners;
    }

    java.time.Clock clock() {
        return clock;
    }

    PrincipalResolver principals() {
        return principals;
    }
}
