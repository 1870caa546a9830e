package com.mintreu.engine.entitlement;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductType;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.catalog.Release;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.plugin.PluginHost;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfils paid orders: the engine's subscriber of {@link OrderPaid}. For each line, the line's product type
 * decides the grants; each becomes an entitlement (unique per line and kind, so a redelivery or a
 * concurrent delivery grants nothing twice, and only the insert that happened announces
 * {@code EntitlementGranted}) and a {@code license} grant also gets its key. Only
 * when every line is granted is the order marked fulfilled, together with its receipt mail; the
 * delivery that loses that race sends nothing. A missing or failing product type or license
 * scheme throws, and the outbox retries later: a paid grant is never dropped.
 */
@Singleton
final class Fulfilment implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Fulfilment.class);

    private final OrderService orders;
    private final CatalogService catalog;
    private final PluginHost host;
    private final EntitlementStore store;
    private final LicenseKeys licenses;
    private final Receipts receipts;
    private final EntitlementEvents events;
    private final Tx tx;
    private final Clock clock;

    @Inject
    Fulfilment(OrderService orders, CatalogService catalog, PluginHost host, EntitlementStore store, LicenseKeys licenses,
            Receipts receipts, EntitlementEvents events, Tx tx, Clock clock) {
        this.orders = orders;
        this.catalog = catalog;
        this.host = host;
        this.store = store;
        this.licenses = licenses;
        this.receipts = receipts;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "fulfilment";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(OrderPaid.class);
    }

    @Override
    public void on(DomainEvent event) {
        if (event instanceof OrderPaid paid && paid.orderId() != null && !paid.orderId().isBlank()) {
            fulfil(paid.orderId());
        } else {
            LOG.warn("event {} ({}) names no order; nothing to fulfil", event.eventId(), event.type());
        }
    }

    /** Fulfils one order if it is paid; a no-op for a fulfilled (or any other) order. */
    void fulfil(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty() || found.get().status() != OrderStatus.PAID) {
            return; // fulfilled already (a redelivery), or no longer payable: nothing to grant
        }
        Order order = found.get();
        // a renewal pays a later period of a subscription: what its first order granted follows the
        // subscription (the license feature moves the expiry), so nothing is granted twice
        for (OrderLine line : order.renewalOf() == null ? order.lines() : List.<OrderLine>of()) {
            grant(order, line);
        }
        boolean first = tx.inTransaction(h -> {
            // OrderService's transaction joins this one (Jdbi reuses the thread's handle), so the
            // status change and the receipt commit together
            if (!orders.markFulfilled(order.id())) {
                return false;
            }
            receipts.write(h, order);
            return true;
        });
        if (first) {
            LOG.info("order {} fulfilled: {} line(s)", order.id(), order.lines().size());
        }
    }

    private void grant(Order order, OrderLine line) {
        ProductType type = host.extension(ProductType.class, line.productType()).orElseThrow(() -> new IllegalStateException(
                "product type '" + line.productType() + "' is not running; line " + line.id() + " of " + order.id() + " waits for it"));
        // the plan's own attributes (an API plan's quota) override the product's of the same name
        Map<String, String> attributes = new java.util.LinkedHashMap<>(catalog.product(line.productId()).map(Product::attributes).orElse(Map.of()));
        catalog.plan(line.planId()).ifPresent(plan -> attributes.putAll(plan.attributes()));
        String releaseId = catalog.latestRelease(line.productId()).map(Release::id).orElse(null);
        FulfillmentRequest request = new FulfillmentRequest(order.id(), line.id(), order.customerId(), line.productId(), line.planId(),
                line.quantity(), attributes, releaseId);
        List<EntitlementGrant> grants = host.call(type, "fulfill", t -> t.fulfill(request));
        long now = clock.millis();
        long paidAt = order.paidAt() == null ? now : order.paidAt();
        for (EntitlementGrant g : grants == null ? List.<EntitlementGrant>of() : grants) {
            if (g == null || g.kind() == null || g.kind().isBlank()) {
                throw new IllegalStateException("product type '" + type.id() + "' returned a grant without a kind for line " + line.id());
            }
            Long expiresAt = g.expiresAt() == null ? null : g.expiresAt().toEpochMilli();
            if (expiresAt == null && Entitlement.LICENSE.equals(g.kind())) {
                expiresAt = licenseExpiry(g.data(), paidAt); // from the payment time, so a re-run computes the same
            }
            Entitlement granted = new Entitlement(Ids.next("ent"), order.customerId(), order.id(), line.id(), line.productId(), line.title(),
                    g.kind(), g.data(), Entitlement.Status.ACTIVE, 0, now, expiresAt, null);
            tx.useTransaction(h -> {
                if (store.insert(h, granted)) {
                    events.granted(h, granted);
                }
            });
            if (Entitlement.LICENSE.equals(g.kind())) {
                Entitlement e = store.byLine(line.id(), g.kind()).orElseThrow();
                String scheme = e.data().get("scheme");
                if (scheme == null || scheme.isBlank()) {
                    throw new IllegalStateException("license grant of line " + line.id() + " names no scheme");
                }
                licenses.ensureIssued(e, line.planId(), scheme);
            }
        }
    }

    private static Long licenseExpiry(Map<String, String> data, long paidAt) {
        String days = data.get("licenseDays");
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(days.strip());
            return n > 0 ? paidAt + Duration.ofDays(n).toMillis() : null;
        } catch (NumberFormatException e) {
            return null; // a bad value means "no limit" rather than blocking a paid order
        }
    }
}
