package com.mintreu.engine.web;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** HTTP core bindings; features add their {@link Routes} the same way. */
@Module
public interface WebModule {

    @Binds
    @IntoSet
    Routes ops(OpsRoutes routes);

    @Binds
    @IntoSet
    Routes openApi(OpenApiRoutes routes);

    @dagger.multibindings.Multibinds
    java.util.Set<com.mintreu.engine.web.session.SignInListener> signInListeners();

    /** Signers of API responses; the license feature contributes one. */
    @dagger.multibindings.Multibinds
    java.util.Set<ResponseSigner> responseSigners();
}
