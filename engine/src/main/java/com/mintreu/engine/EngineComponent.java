package com.mintreu.engine;

import com.mintreu.engine.account.AccountModule;
import com.mintreu.engine.account.AdminAccounts;
import com.mintreu.engine.admin.AdminModule;
import com.mintreu.engine.catalog.CatalogModule;
import com.mintreu.engine.checkout.CheckoutModule;
import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.entitlement.EntitlementModule;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.ledger.LedgerModule;
import com.mintreu.engine.license.LicenseModule;
import com.mintreu.engine.license.LicenseService;
import com.mintreu.engine.license.ValidationTally;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.db.Database;
import com.mintreu.engine.demo.DemoShop;
import com.mintreu.engine.jobs.JobScheduler;
import com.mintreu.engine.jobs.JobsModule;
import com.mintreu.engine.notify.NotifyModule;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.OrderModule;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.notify.OutboxDispatcher;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginModule;
import com.mintreu.engine.security.Secrets;
import com.mintreu.engine.storefront.StorefrontModule;
import com.mintreu.engine.web.WebModule;
import com.mintreu.engine.web.WebServer;
import com.mintreu.engine.web.Router;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;

/** The one Dagger component: the engine's object graph. */
@Singleton
@Component(modules = {
        EngineModule.class,
        WebModule.class,
        AccountModule.class,
        StorefrontModule.class,
        NotifyModule.class,
        PluginModule.class,
        AdminModule.class,
        JobsModule.class,
        OrderModule.class,
        CatalogModule.class,
        EntitlementModule.class,
        LicenseModule.class,
        com.mintreu.engine.license.signing.LicenseSigningModule.class,
        com.mintreu.engine.license.file.LicenseFileModule.class,
        LedgerModule.class,
        CheckoutModule.class,
        com.mintreu.engine.subscription.SubscriptionModule.class,
        com.mintreu.engine.metering.MeteringModule.class,
        com.mintreu.engine.webhook.WebhookModule.class,
        com.mintreu.engine.payout.PayoutModule.class,
        com.mintreu.engine.affiliate.AffiliateModule.class,
        com.mintreu.engine.help.HelpModule.class,
        com.mintreu.engine.support.SupportModule.class,
        com.mintreu.engine.message.MessageModule.class,
        com.mintreu.engine.assistant.AssistantModule.class
})
public interface EngineComponent {

    MintreuConfig config();

    Database database();

    Secrets secrets();

    WebServer webServer();

    com.mintreu.engine.web.Readiness readiness();

    Router router();

    PluginHost pluginHost();

    Outbox outbox();

    OutboxDispatcher outboxDispatcher();

    JobScheduler jobScheduler();

    ValidationTally validationTally();

    com.mintreu.engine.metering.GatewayUsage gatewayUsage();

    com.mintreu.engine.hotpath.HotChanges hotChanges();

    OrderService orders();

    com.mintreu.engine.order.OrderReconciliation reconciliation();

    com.mintreu.engine.ledger.Ledger ledger();

    /** The renewal work without the job lease: tests run it from several threads at once, as several nodes would. */
    com.mintreu.engine.subscription.Renewals renewals();

    Gateways gateways();

    DemoShop demoShop();

    com.mintreu.engine.demo.DemoHistory demoHistory();

    EntitlementService entitlements();

    LicenseService licenses();

    /** The outbox consumers by topic, as the dispatcher calls them (tests deliver to them directly). */
    java.util.Set<com.mintreu.engine.notify.OutboxConsumer> outboxConsumers();

    java.util.Set<com.mintreu.api.event.EventSubscriber> eventSubscribers();

    AdminAccounts adminAccounts();

    /** The scheduled jobs (tests run one directly instead of waiting for its interval). */
    java.util.Set<com.mintreu.engine.jobs.Job> jobs();

    /** Webhook deliveries to sellers without the job lease: tests run them after moving the clock, and from several threads at once. */
    com.mintreu.engine.webhook.WebhookDeliveries webhookDeliveries();

    /** Payout runs and their payouts. */
    com.mintreu.engine.payout.PayoutService payoutService();

    /** The knowledge base's help search, as tickets and the assistant get it. */
    com.mintreu.engine.help.HelpSearch helpSearch();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder config(MintreuConfig config);

        @BindsInstance
        Builder paths(EnginePaths paths);

        @BindsInstance
        Builder clock(Clock clock);

        EngineComponent build();
    }
}
