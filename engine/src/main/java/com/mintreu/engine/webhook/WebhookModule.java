package com.mintreu.engine.webhook;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Signed webhooks to sellers: the event subscriber that writes messages, the delivery job, the API and the pages. */
@Module
public interface WebhookModule {

    @Binds
    @IntoSet
    EventSubscriber fanOut(WebhookFanOut fanOut);

    @Binds
    @IntoSet
    Job deliveries(WebhookJob job);

    @Binds
    @IntoSet
    Job logPurge(WebhookLogPurgeJob job);

    @Binds
    @IntoSet
    Routes routes(WebhookRoutes routes);

    @Binds
    @IntoSet
    Routes pages(WebhookPages pages);
}
