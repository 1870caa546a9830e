package com.mintreu.engine.web.session;

/**
 * Told when a browser session becomes signed in, with the anonymous session it replaced (ids
 * rotate at sign-in), so features can carry state across, e.g. a guest's cart. Contributed with
 * Dagger {@code @IntoSet}; runs inside the sign-in request and must be quick.
 */
public interface SignInListener {

    void signedIn(Session previous, Session current);
}
