package com.mintreu.engine.ledger;

import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Seller earnings: sales and balances (fees and payouts to come). */
@Module
public interface LedgerModule {

    @Binds
    @IntoSet
    Routes sales(SalesRoutes routes);
}
