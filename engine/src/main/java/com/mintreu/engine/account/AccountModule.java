package com.mintreu.engine.account;

import com.mintreu.engine.web.PrincipalResolver;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Account feature bindings: the principal resolver and the feature's routes. */
@Module
public interface AccountModule {

    @Binds
    PrincipalResolver principals(AccountPrincipals principals);

    @Binds
    @IntoSet
    Routes authApi(AuthApiRoutes routes);

    @Binds
    @IntoSet
    Routes authPages(AuthPages routes);

    @Binds
    @IntoSet
    Routes apiTokens(ApiTokenRoutes routes);

    @Binds
    @IntoSet
    Routes apiTokenPages(ApiTokenPages pages);

    @Binds
    @IntoSet
    Routes sellerApplications(SellerApplicationRoutes routes);

    @Binds
    @IntoSet
    Routes sellerApplicationPages(SellerApplicationPages pages);
}
