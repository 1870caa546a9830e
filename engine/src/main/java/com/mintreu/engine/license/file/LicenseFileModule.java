package com.mintreu.engine.license.file;

import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** License files: signed, optionally encrypted snapshots of a license for offline checks. */
@Module
public interface LicenseFileModule {

    @Binds
    @IntoSet
    Routes files(LicenseFileRoutes routes);

    @Binds
    @IntoSet
    Routes filePages(LicenseFilePages pages);
}
