package com.mintreu.engine.payout;

import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.ledger.PayoutOutlook;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** Payouts to sellers: the run, its job, the built-in manual method, pages and JSON. */
@Module
public interface PayoutModule {

    @Provides
    static PayoutsConfig payoutsConfig(MintreuConfig config) {
        return config.payouts();
    }

    /** Other features' payee kinds (the affiliate program's); empty is fine. */
    @Multibinds
    Set<Payees> payees();

    @Binds
    @IntoSet
    Job job(PayoutJob job);

    @Binds
    PayoutOutlook outlook(PayoutSchedule schedule);

    @Binds
    @IntoSet
    Routes routes(PayoutRoutes routes);

    @Binds
    @IntoSet
    Routes pages(PayoutPages pages);

    @Binds
    @IntoSet
    Routes setupPages(PayeeSetupPages pages);

    @Binds
    @IntoSet
    Routes webhookRoutes(PayoutWebhookRoutes routes);
}
