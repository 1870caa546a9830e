package com.mintreu.engine.subscription;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.SubscriptionsConfig;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.order.SubscriptionEventHandler;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** Subscriptions: the renewal job, the subscriber that starts them from paid orders, the customer's API. */
@Module
public interface SubscriptionModule {

    @Provides
    static SubscriptionsConfig subscriptionsConfig(MintreuConfig config) {
        return config.subscriptions();
    }

    @Binds
    @IntoSet
    Job renewals(RenewalJob job);

    @Binds
    @IntoSet
    EventSubscriber starter(SubscriptionStarter starter);

    @Binds
    @IntoSet
    Routes routes(SubscriptionRoutes routes);

    @Binds
    @IntoSet
    SubscriptionEventHandler providerEvents(ProviderSubscriptions subscriptions);

    @Binds
    @IntoSet
    Routes pages(SubscriptionPages pages);

    @Binds
    @IntoSet
    Routes planChangeRoutes(PlanChangeRoutes routes);

    @Binds
    @IntoSet
    Routes planChangePages(PlanChangePages pages);

    @Binds
    @IntoSet
    Routes insights(InsightsRoutes routes);

    @Binds
    @IntoSet
    Routes insightsPages(InsightsPages pages);

    @Binds
    @IntoSet
    Routes policyPages(SubscriptionPolicyPages pages);
}
