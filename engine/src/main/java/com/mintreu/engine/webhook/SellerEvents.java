package com.mintreu.engine.webhook;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EntitlementGranted;
import com.mintreu.api.event.LicenseStatusChanged;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.api.event.SubscriptionCancelScheduled;
import com.mintreu.api.event.SubscriptionPeriodPaid;
import com.mintreu.api.event.SubscriptionStarted;
import com.mintreu.api.event.SubscriptionStatusChanged;
import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.license.License;
import com.mintreu.engine.license.LicenseService;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.subscription.Subscription;
import com.mintreu.engine.subscription.SubscriptionService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Turns a domain event into what each seller concerned may see: the seller and the {@code data} of
 * the envelope. An order with lines of two sellers becomes two payloads, each holding only that
 * seller's lines and totals; events about nothing a seller sells become none. The field lists are
 * documented in {@code openapi/webhook.yaml} and the README.
 */
@Singleton
final class SellerEvents {

    /** One seller's view of an event. */
    record ForSeller(String sellerId, WebhookEventType type, Map<String, Object> data) {}

    private final OrderService orders;
    private final CatalogService catalog;
    private final EntitlementService entitlements;
    private final LicenseService licenses;
    private final SubscriptionService subscriptions;

    @Inject
    SellerEvents(OrderService orders, CatalogService catalog, EntitlementService entitlements, LicenseService licenses,
            SubscriptionService subscriptions) {
        this.orders = orders;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.licenses = licenses;
        this.subscriptions = subscriptions;
    }

    List<ForSeller> of(DomainEvent event) {
        return switch (event) {
            case OrderPaid e -> orderPaid(e);
            case OrderRefunded e -> orderRefunded(e);
            case EntitlementGranted e when "license".equals(e.kind()) -> licenseCreated(e);
            case LicenseStatusChanged e -> licenseStatusChanged(e);
            case SubscriptionStarted e -> subscription(e.subscriptionId(), WebhookEventType.SUBSCRIPTION_STARTED, d -> {
                d.put("orderId", e.orderId());
                d.put("status", e.status());
                d.put("periodEnd", e.periodEnd());
            });
            case SubscriptionPeriodPaid e -> subscription(e.subscriptionId(), WebhookEventType.SUBSCRIPTION_PERIOD_PAID, d -> {
                d.put("orderId", e.orderId());
                d.put("period", e.seq());
                d.put("periodStart", e.periodStart());
                d.put("periodEnd", e.periodEnd());
            });
            case SubscriptionStatusChanged e -> subscription(e.subscriptionId(), WebhookEventType.SUBSCRIPTION_STATUS_CHANGED, d -> {
                d.put("from", e.from());
                d.put("to", e.to());
                d.put("reason", e.reason());
                d.put("accessUntil", e.accessUntil());
            });
            case SubscriptionCancelScheduled e -> subscription(e.subscriptionId(), WebhookEventType.SUBSCRIPTION_CANCEL_SCHEDULED,
                    d -> d.put("cancelAt", e.cancelAt()));
            default -> List.of();
        };
    }

    private List<ForSeller> orderPaid(OrderPaid e) {
        Optional<Order> found = orders.find(e.orderId());
        if (found.isEmpty()) {
            return List.of();
        }
        Order order = found.get();
        Map<String, List<OrderLine>> bySeller = order.lines().stream()
                .collect(Collectors.groupingBy(OrderLine::sellerId, LinkedHashMap::new, Collectors.toList()));
        return bySeller.entrySet().stream().map(s -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("orderId", order.id());
            d.put("customerId", order.customerId());
            d.put("paidAt", order.paidAt() == null ? null : Instant.ofEpochMilli(order.paidAt()));
            d.put("currency", order.currency());
            d.put("total", sum(s.getValue(), OrderLine::total, order.currency()));
            d.put("sellerShare", sum(s.getValue(), OrderLine::sellerShare, order.currency()));
            d.put("lines", s.getValue().stream().map(SellerEvents::line).toList());
            return new ForSeller(s.getKey(), WebhookEventType.ORDER_PAID, d);
        }).toList();
    }

    private List<ForSeller> orderRefunded(OrderRefunded e) {
        Optional<Order> found = orders.find(e.orderId());
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, OrderLine> lines = found.get().lines().stream().collect(Collectors.toMap(OrderLine::id, l -> l));
        Map<String, List<RefundLine>> bySeller = e.lines().stream().filter(l -> lines.containsKey(l.lineId()))
                .collect(Collectors.groupingBy(l -> lines.get(l.lineId()).sellerId(), LinkedHashMap::new, Collectors.toList()));
        return bySeller.entrySet().stream().map(s -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("refundId", e.refundId());
            d.put("orderId", e.orderId());
            d.put("amount", s.getValue().stream().map(RefundLine::amount).reduce(Money::plus).orElseThrow());
            d.put("lines", s.getValue().stream().map(l -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("lineId", l.lineId());
                v.put("productId", lines.get(l.lineId()).productId());
                v.put("amount", l.amount());
                return v;
            }).toList());
            return new ForSeller(s.getKey(), WebhookEventType.ORDER_REFUNDED, d);
        }).toList();
    }

    private List<ForSeller> licenseCreated(EntitlementGranted e) {
        return sellerOf(e.productId()).map(seller -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("licenseId", licenses.forEntitlement(e.entitlementId()).map(License::id).orElse(null));
            d.put("entitlementId", e.entitlementId());
            d.put("productId", e.productId());
            d.put("customerId", e.customerId());
            d.put("orderId", e.orderId());
            d.put("lineId", e.lineId());
            return List.of(new ForSeller(seller, WebhookEventType.LICENSE_CREATED, d));
        }).orElse(List.of());
    }

    private List<ForSeller> licenseStatusChanged(LicenseStatusChanged e) {
        Optional<Entitlement> ent = entitlements.find(e.entitlementId());
        return ent.flatMap(x -> sellerOf(x.productId())).map(seller -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("licenseId", e.licenseId());
            d.put("entitlementId", e.entitlementId());
            d.put("productId", ent.get().productId());
            d.put("customerId", e.customerId());
            d.put("from", e.from());
            d.put("to", e.to());
            d.put("reason", e.reason());
            return List.of(new ForSeller(seller, WebhookEventType.LICENSE_STATUS_CHANGED, d));
        }).orElse(List.of());
    }

    private List<ForSeller> subscription(String id, WebhookEventType type, java.util.function.Consumer<Map<String, Object>> fields) {
        return subscriptions.find(id).map(s -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("subscriptionId", s.id());
            d.put("productId", s.productId());
            d.put("planId", s.planId());
            d.put("customerId", s.customerId());
            fields.accept(d);
            return List.of(new ForSeller(s.sellerId(), type, d));
        }).orElse(List.of());
    }

    private Optional<String> sellerOf(String productId) {
        return productId == null ? Optional.empty() : catalog.product(productId).map(Product::sellerId);
    }

    private static Map<String, Object> line(OrderLine l) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("lineId", l.id());
        v.put("productId", l.productId());
        v.put("planId", l.planId());
        v.put("title", l.title());
        v.put("quantity", l.quantity());
        v.put("total", l.total());
        v.put("platformFee", l.platformFee());
        v.put("sellerShare", l.sellerShare());
        return v;
    }

    private static Money sum(List<OrderLine> lines, Function<OrderLine, Money> part, String currency) {
        return lines.stream().map(part).reduce(Money.zero(currency), Money::plus);
    }
}
