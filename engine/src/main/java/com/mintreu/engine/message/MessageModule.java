package com.mintreu.engine.message;

import com.mintreu.engine.config.MessagesConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** Customer to seller messages: pages, JSON and the admin's reports. */
@Module
public interface MessageModule {

    @Provides
    static MessagesConfig messagesConfig(MintreuConfig config) {
        return config.messages();
    }

    @Binds
    @IntoSet
    Routes routes(MessageRoutes routes);

    @Binds
    @IntoSet
    Routes pages(MessagePages pages);

    @Binds
    @IntoSet
    Routes adminPages(MessageAdminPages pages);
}
