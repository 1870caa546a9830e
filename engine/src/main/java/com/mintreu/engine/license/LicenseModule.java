package com.mintreu.engine.license;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.entitlement.LicenseKeys;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.order.RefundUsage;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Licenses: issuing, policies, machines, validation for license clients, the customer's keys. */
@Module
public interface LicenseModule {

    @Binds
    LicenseKeys entitlementKeys(LicenseEntitlementKeys keys);

    @Binds
    @IntoSet
    RefundUsage activationUsage(ActivationUsage usage);

    @Binds
    @IntoSet
    Routes licenses(LicenseRoutes routes);

    @Binds
    @IntoSet
    Routes licenseClients(LicenseClientRoutes routes);

    @Binds
    @IntoSet
    Routes licensePolicies(PolicyRoutes routes);

    @Binds
    @IntoSet
    Routes licensePolicyPages(PolicyPages pages);

    @Binds
    @IntoSet
    Routes licensePages(LicensePages pages);

    @Binds
    @IntoSet
    Job machineCull(MachineCullJob job);

    @Binds
    @IntoSet
    Routes sellerLicenses(SellerLicenseRoutes routes);

    @Binds
    @IntoSet
    Job licenseReminders(LicenseReminderJob job);

    @Binds
    @IntoSet
    Job licenseExpire(LicenseExpireJob job);

    @Binds
    @IntoSet
    EventSubscriber disputeLicenses(DisputeLicenses subscriber);

    @Binds
    @IntoSet
    EventSubscriber subscriptionLicenses(SubscriptionLicenses subscriber);
}
