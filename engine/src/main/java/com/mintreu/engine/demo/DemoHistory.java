package com.mintreu.engine.demo;

import com.mintreu.engine.affiliate.Affiliate;
import com.mintreu.engine.affiliate.Affiliates;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.checkout.CartService;
import com.mintreu.engine.checkout.CheckoutService;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.notify.OutboxDispatcher;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.payout.Payout;
import com.mintreu.engine.payout.PayoutService;
import com.mintreu.engine.payout.PayoutStatus;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo shop's past, so the seller's and the affiliate's dashboards show real figures on first
 * start (all within the dashboards' default 30 days). With the engine's clock moved back
 * ({@code travel}), all through the services: the shop is seeded 30 days ago; a click on the
 * affiliate's link; three purchases by the demo customer on the next three days, attributed and
 * paid; the outbox books sales and commissions; 12 days ago (past the 14-day hold) a payout run,
 * whose manual payouts are marked paid (DEMO-SEPA-0001 the seller's, DEMO-SEPA-0002 the
 * affiliate's); two days ago one more referred sale, still pending. The clock is then put back. Made once: nothing happens when
 * the demo customer has any order.
 */
public final class DemoHistory {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);

    /** The bank reference of the seller's demo payout. */
    public static final String SELLER_REFERENCE = "DEMO-SEPA-0001";
    /** The bank reference of the affiliate's demo payout. */
    public static final String AFFILIATE_REFERENCE = "DEMO-SEPA-0002";

    private static final List<String> PAST_PRODUCTS = List.of("Pixel Icon Pack", "Focus Timer Pro", "Focus Timer Pro");

    private final DemoShop shop;
    private final CatalogService catalog;
    private final CartService carts;
    private final CheckoutService checkout;
    private final OrderService orders;
    private final OutboxDispatcher outbox;
    private final PayoutService payouts;
    private final Affiliates affiliates;

    @Inject
    DemoHistory(DemoShop shop, CatalogService catalog, CartService carts, CheckoutService checkout, OrderService orders, OutboxDispatcher outbox,
            PayoutService payouts, Affiliates affiliates) {
        this.shop = shop;
        this.catalog = catalog;
        this.carts = carts;
        this.checkout = checkout;
        this.orders = orders;
        this.outbox = outbox;
        this.payouts = payouts;
        this.affiliates = affiliates;
    }

    /**
     * Seeds the shop ({@link DemoShop#seed()}) and, the first time, its history. {@code travel}
     * moves the engine's clock by a duration; it is back where it was when this returns.
     */
    public void seed(Consumer<Duration> travel) {
        Principal customer = shop.login(2);
        if (!orders.forCustomer(customer.userId()).isEmpty()) {
            shop.seed();
            return;
        }
        long started = 0;
        Duration moved = Duration.ZERO;
        try {
            moved = step(travel, moved, Duration.ofDays(-30));
            shop.seedCatalog();
            started = System.nanoTime(); // the history alone: what it adds to a first start
            Principal seller = shop.login(1);
            Affiliate affiliate = affiliates.join(shop.login(3).userId());
            List<Product> products = catalog.sellerProducts(seller);
            String click = click(affiliate, "pixel-icon-pack", "mintreu-demo");
            for (int v = 1; v <= BROWSING_VISITORS; v++) { // visitors who followed the link and bought nothing
                click(affiliate, v % 2 == 0 ? "focus-timer-pro" : "pixel-icon-pack", "mintreu-demo-visitor-" + v);
            }
            for (int i = 0; i < PAST_PRODUCTS.size(); i++) {
                moved = step(travel, moved, Duration.ofDays(1));
                // the second Focus Timer purchase takes the team license
                buy(customer, plan(products, PAST_PRODUCTS.get(i), i == 2 ? 1 : 0), click, i);
            }
            deliver();
            moved = step(travel, moved, Duration.ofDays(15)); // 12 days ago: the 14-day hold has passed
            payouts.run(AuditLog.Actor.SYSTEM); // the scheduler may run it first: either pays once
            payAll(payouts.ofSeller(seller.userId(), PageRequest.first(10)), SELLER_REFERENCE);
            payAll(payouts.ofAccount(Accounts.affiliate(affiliate.id()), PageRequest.first(10)), AFFILIATE_REFERENCE);
            moved = step(travel, moved, Duration.ofDays(10)); // 2 days ago: a sale still in its hold
            buy(customer, plan(products, "Pixel Icon Pack", 0), click(affiliate, "pixel-icon-pack", "mintreu-demo"), PAST_PRODUCTS.size());
            deliver();
            shop.seedSupport(); // the customer's question, answered: inside the support figures' last 30 days
        } finally {
            travel.accept(moved.negated());
        }
        LOG.info("demo history booked in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Clicks on the affiliate's links that led to no purchase, so the conversion rate is a rate. */
    private static final int BROWSING_VISITORS = 10;

    private static Duration step(Consumer<Duration> travel, Duration moved, Duration by) {
        travel.accept(by);
        return moved.plus(by);
    }

    private String click(Affiliate affiliate, String slug, String userAgent) {
        return affiliates.click(affiliate.code(), slug, "127.0.0.1", userAgent).orElseThrow(
                () -> new IllegalStateException("the demo affiliate's link was not counted (referrals switched off?)"));
    }

    /** The id of the {@code index}th plan of the seller's product titled {@code title}. */
    private String plan(List<Product> products, String title, int index) {
        Product p = products.stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow();
        return catalog.plans(p.id()).get(index).id();
    }

    /** One purchase through cart and checkout with the referral, paid at the default gateway as a confirmed charge. */
    private void buy(Principal customer, String planId, String click, int n) {
        carts.put(CartService.userOwner(customer.userId()), planId, 1);
        Order order = checkout.checkout(customer, null, null, "demo-history-" + n, click).order();
        orders.chargeSucceeded(order.gateway(), order.id(), "demo-charge-" + n, order.total());
    }

    /** Lets the outbox book what the payments published (ledger sales, commissions, fulfilment). */
    private void deliver() {
        for (int pass = 0; pass < 5; pass++) { // events a subscriber publishes are due on the next pass
            if (outbox.deliverDue() == 0) {
                return;
            }
        }
    }

    private void payAll(List<Payout> list, String reference) {
        for (Payout p : list) {
            if (p.status() == PayoutStatus.PENDING) {
                payouts.markPaid(p.id(), reference, AuditLog.Actor.SYSTEM);
            }
        }
    }
}
