package com.mintreu.engine.support;

import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.SupportConfig;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** Support tickets: the rules, the customer's, seller's and admin's pages, and the JSON API. */
@Module
public interface SupportModule {

    @Provides
    static SupportConfig supportConfig(MintreuConfig config) {
        return config.support();
    }

    @Binds
    @IntoSet
    Routes ticketPages(TicketPages pages);

    @Binds
    @IntoSet
    Routes inboxPages(InboxPages pages);

    @Binds
    @IntoSet
    Routes routes(SupportRoutes routes);
}
