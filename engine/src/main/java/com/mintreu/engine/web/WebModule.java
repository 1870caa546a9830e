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
}
