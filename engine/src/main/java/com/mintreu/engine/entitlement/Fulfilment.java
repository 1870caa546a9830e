package com.mintreu.engine.entitlement;

import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductType;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.catalog.Release;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.license.LicenseService;
import com.mintreu.engine.notify.OutboxConsumer;
import com.mintreu.engine.notify.OutboxMessage;
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
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfils paid orders: the consumer of {@code order.paid}. For each line, the line's product type
 * decides the grants; each becomes an entitlement (unique per line and kind, so a redelivery or a
 * concurrent delivery grants nothing twice) and a {@code license} grant also gets its key. Only
 * when every line is granted is the order marked fulfilled, together with its receipt mail; the
 * delivery that loses that race sends nothing. A missing or failing product type or license
 * scheme throws, and the outbox retries later: a paid grant is never dropped.
 */
@Singleton
final class Fulfilment implements OutboxConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Fulfilment.class);

    private final OrderService orders;
    private final CatalogService catalog;
    private final PluginHost host;
    private final EntitlementStore store;
    private final LicenseService licenses;
    private final Receipts receipts;
    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    Fulfilment(OrderService orders, CatalogService catalog, PluginHost host, EntitlementStore store, LicenseService licenses,
            Receipts receipts, Jdbi jdbi, Clock clock) {
        this.orders = orders;
        this.catalog = catalog;
        this.host = host;
        this.store = store;
        this.licenses = licenses;
        this.receipts = receipts;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return OrderService.ORDER_PAID;
    }

    @Override
    public void deliver(OutboxMessage message) {
        String orderId = message.payload().path("orderId").asText("");
        if (orderId.isBlank()) {
            LOG.warn("outbox {}: order.paid without an orderId; nothing to fulfil", message.id());
            return;
        }
        fulfil(orderId);
    }

    /** Fulfils one order if it is paid; a no-op for a fulfilled (or any other) order. */
    void fulfil(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty() || found.get().status() != OrderStatus.PAID) {
            return; // fulfilled already (a redelivery), or no longer payable: nothing to grant
        }
        Order order = found.get();
        for (OrderLine line : order.lines()) {
            grant(order, line);
        }
        boolean first = jdbi.inTransaction(h -> {
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
        Map<String, String> attributes = catalog.product(line.productId()).map(Product::attributes).orElse(Map.of());
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
            store.insert(new Entitlement(Ids.next("ent"), order.customerId(), order.id(), line.id(), line.productId(), line.title(), g.kind(),
                    g.data(), Entitlement.Status.ACTIVE, 0, now, expiresAt, null));
            if (Entitlement.LICENSE.equals(g.kind())) {
                Entitlement e = store.byLine(line.id(), g.kind()).orElseThrow();
                String scheme = e.data().get("scheme");
                if (scheme == null || scheme.isBlank()) {
                    throw new IllegalStateException("license grant of line " + line.id() + " names no scheme");
                }
                licenses.ensureIssued(e.id(), e.productId(), line.planId(), e.customerId(), scheme, e.expiresAt());
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
