package com.mintreu.engine.ledger;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.LedgerConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** The money ledger, seller sales and balances (payouts to come). */
@Module
public interface LedgerModule {

    @Provides
    static LedgerConfig ledgerConfig(MintreuConfig config) {
        return config.ledger();
    }

    /** Bound by the payout feature; optional so the ledger works without it. */
    @BindsOptionalOf
    PayoutOutlook payoutOutlook();

    @Binds
    @IntoSet
    Routes sales(SalesRoutes routes);

    @Binds
    @IntoSet
    Routes salesPages(SalesPages pages);

    @Binds
    @IntoSet
    Routes dashboard(DashboardRoutes routes);

    @Binds
    @IntoSet
    Routes dashboardPages(DashboardPages pages);

    @Binds
    @IntoSet
    EventSubscriber booking(LedgerBooking booking);
}
