package com.mintreu.engine.assistant;

import com.mintreu.engine.config.AssistantConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** The knowledge assistant: /help/ask, its JSON API and the admin's usage page. */
@Module
public interface AssistantModule {

    @Provides
    static AssistantConfig assistantConfig(MintreuConfig config) {
        return config.assistant();
    }

    @Binds
    @IntoSet
    Routes pages(AssistantPages pages);

    @Binds
    @IntoSet
    Routes api(AssistantRoutes routes);
}
