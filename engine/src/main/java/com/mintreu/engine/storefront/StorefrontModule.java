package com.mintreu.engine.storefront;

import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Storefront page bindings. */
@Module
public interface StorefrontModule {

    @Binds
    @IntoSet
    Routes storefront(StorefrontPages routes);
}
