package com.mintreu.engine.license.signing;

import com.mintreu.engine.web.ResponseSigner;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Licensing's signing keys: signed license API responses and the published verification keys. */
@Module
public interface LicenseSigningModule {

    @Binds
    @IntoSet
    Routes keys(LicenseKeyRoutes routes);

    @Binds
    @IntoSet
    ResponseSigner responses(LicenseResponseSigner signer);
}
