package com.mintreu.engine.affiliate;

import com.mintreu.api.affiliate.AffiliateScheme;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.AffiliatesConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.payout.Payees;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** The affiliate program: links, attribution at checkout, commissions in the ledger. */
@Module
public interface AffiliateModule {

    @Provides
    static AffiliatesConfig affiliatesConfig(MintreuConfig config) {
        return config.affiliates();
    }

    @Binds
    @IntoSet
    AffiliateScheme percent(PercentScheme scheme);

    @Binds
    @IntoSet
    Routes pages(AffiliatePages pages);

    @Binds
    @IntoSet
    Routes adminPages(AdminAffiliatePages pages);

    @Binds
    @IntoSet
    Routes routes(AffiliateRoutes routes);

    @Binds
    @IntoSet
    Routes sellerRates(SellerRatePages pages);

    @Binds
    @IntoSet
    EventSubscriber booking(CommissionBooking booking);

    @Binds
    @IntoSet
    Payees payees(AffiliatePayees payees);
}
