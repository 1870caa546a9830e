package com.mintreu.engine.entitlement;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.DownloadsConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.order.OrderPageSection;
import com.mintreu.engine.order.RefundUsage;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** Entitlements: fulfilment of paid orders, downloads, the customer's purchases. */
@Module
public interface EntitlementModule {

    @Provides
    static DownloadsConfig downloadsConfig(MintreuConfig config) {
        return config.downloads();
    }

    @Binds
    @IntoSet
    EventSubscriber fulfilment(Fulfilment fulfilment);

    @Binds
    @IntoSet
    Routes entitlements(EntitlementRoutes routes);

    @Binds
    @IntoSet
    OrderPageSection orderEntitlements(EntitlementPages pages);

    @Binds
    @IntoSet
    Routes entitlementPages(EntitlementPages pages);

    @Binds
    @IntoSet
    Routes downloads(DownloadRoutes routes);

    @Binds
    @IntoSet
    EventSubscriber refundRevocation(RefundRevocation subscriber);

    @Binds
    @IntoSet
    EventSubscriber subscriptionDownloads(SubscriptionDownloads subscriber);

    @Binds
    @IntoSet
    RefundUsage downloadUsage(DownloadUsage usage);
}
