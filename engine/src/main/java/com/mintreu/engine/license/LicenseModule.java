package com.mintreu.engine.license;

import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Licenses: issuing through license schemes, validation, the customer's keys. */
@Module
public interface LicenseModule {

    @Binds
    @IntoSet
    Routes licenses(LicenseRoutes routes);
}
