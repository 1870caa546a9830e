package com.mintreu.engine.account;

import com.mintreu.engine.web.PrincipalResolver;
import dagger.Binds;
import dagger.Module;

/** Account feature bindings. */
@Module
public interface AccountModule {

    @Binds
    PrincipalResolver principals(AccountPrincipals principals);
}
