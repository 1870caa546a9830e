package com.mintreu.engine.metering;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** API keys of API products, their verification and the usage meter. */
@Module
public interface MeteringModule {

    @Provides
    static ApiKeysConfig apiKeysConfig(MintreuConfig config) {
        return config.apiKeys();
    }

    @Binds
    @IntoSet
    Routes verify(KeyVerifyRoutes routes);

    @Binds
    @IntoSet
    Routes usage(UsageRoutes routes);

    @Binds
    @IntoSet
    Routes gateway(GatewayRoutes routes);

    @Binds
    @IntoSet
    Routes customerPages(ApiKeyPages pages);

    @Binds
    @IntoSet
    Routes sellerPages(SellerApiKeyPages pages);

    @Binds
    @IntoSet
    EventSubscriber keyRevocation(KeyRevocation subscriber);

    @Binds
    @IntoSet
    Job usageBilling(UsageBillingJob job);

    @Binds
    @IntoSet
    Job usagePrune(UsagePruneJob job);

    @Binds
    @IntoSet
    EventSubscriber subscriptionKeyAccess(SubscriptionKeyAccess subscriber);

    @Binds
    @IntoSet
    Routes usagePages(UsagePages pages);
}
