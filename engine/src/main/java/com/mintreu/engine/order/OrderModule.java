package com.mintreu.engine.order;

import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** Orders, the payment webhook inbox and reconciliation. */
@Module
public interface OrderModule {

    @Provides
    static OrdersConfig ordersConfig(MintreuConfig config) {
        return config.orders();
    }

    @Binds
    @IntoSet
    Routes webhooks(WebhookRoutes routes);

    @Binds
    @IntoSet
    Routes orders(OrderRoutes routes);

    @Binds
    @IntoSet
    Routes orderPages(OrderPages pages);

    @Binds
    @IntoSet
    Routes adminOrderPages(AdminOrderPages pages);

    @Binds
    @IntoSet
    Routes paymentMethods(PaymentMethodRoutes routes);

    @Binds
    @IntoSet
    Routes paymentMethodPages(PaymentMethodPages pages);

    /** Other features' parts of the order page; none is fine. */
    @Multibinds
    Set<OrderPageSection> orderPageSections();

    /** What other features know about the use of a line (downloads, activations), for the auto-approve rule; none is fine. */
    @Multibinds
    Set<RefundUsage> refundUsages();

    /** Who applies provider-managed subscriptions' events (the subscription feature); none: they are acknowledged and ignored. */
    @Multibinds
    Set<SubscriptionEventHandler> subscriptionEventHandlers();

    /** Other features' parts of an order's state change (checkout gives voucher uses back); none is fine. */
    @Multibinds
    Set<OrderStatusListener> orderStatusListeners();

    @Binds
    @IntoSet
    Job reconcile(ReconcileJob job);

    @Binds
    @IntoSet
    Job reconcileLate(LatePaymentJob job);

    @Binds
    @IntoSet
    Job expireWithoutSession(ExpireWithoutSessionJob job);

    @Binds
    @IntoSet
    Routes refunds(RefundRoutes routes);

    @Binds
    @IntoSet
    Routes refundPages(RefundPages pages);

    @Binds
    @IntoSet
    Job refundRetry(RefundRetryJob job);
}
