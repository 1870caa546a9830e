package com.mintreu.engine;

import com.mintreu.engine.account.AccountModule;
import com.mintreu.engine.account.AdminAccounts;
import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.db.Database;
import com.mintreu.engine.security.Secrets;
import com.mintreu.engine.storefront.StorefrontModule;
import com.mintreu.engine.web.WebModule;
import com.mintreu.engine.web.WebServer;
import com.mintreu.engine.web.Router;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;

/** The one Dagger component: the engine's object graph. */
@Singleton
@Component(modules = {EngineModule.class, WebModule.class, AccountModule.class, StorefrontModule.class})
public interface EngineComponent {

    MintreuConfig config();

    Database database();

    Secrets secrets();

    WebServer webServer();

    Router router();

    AdminAccounts adminAccounts();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder config(MintreuConfig config);

        @BindsInstance
        Builder paths(EnginePaths paths);

        @BindsInstance
        Builder clock(Clock clock);

        EngineComponent build();
    }
}
