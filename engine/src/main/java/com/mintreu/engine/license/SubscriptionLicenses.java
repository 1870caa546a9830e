package com.mintreu.engine.license;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.SubscriptionPeriodPaid;
import com.mintreu.api.event.SubscriptionPlanChanged;
import com.mintreu.api.event.SubscriptionStarted;
import com.mintreu.api.event.SubscriptionStatusChanged;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Recurrence;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The licenses a subscription's order line granted follow the subscription: each paid period moves
 * their effective expiry to the period's end (the policy's grace then applies as for any expiry);
 * past due keeps them until the end of the subscription's grace; a subscription canceled after
 * being past due suspends them, any other cancel or a pause lets them expire when access ends
 * (now for "cancel now"); a paid period reinstates what non-payment suspended.
 *
 * <p>Reacts to events rather than being called by the subscription feature, so neither imports the
 * other both ways. Idempotent: expiries only move forward for paid periods and past due (a late or
 * repeated event never shortens one), and are set exactly for cancel and pause; status moves apply
 * only from the status they expect. A license a seller suspended for another reason is reinstated
 * by a paid period too; the audit log tells the two apart. A plan sold by seats gives each license
 * of the line the line's quantity as its own cap on users ({@code License.maxUsers}).
 */
@Singleton
final class SubscriptionLicenses implements EventSubscriber {

    private enum Move { NONE, SUSPEND, REINSTATE }

    private final LicenseLifecycleStore store;
    private final LicenseStore licenses;
    private final PolicyService policies;
    private final LicenseEvents events;
    private final AuditLog audit;
    private final OrderService orders;
    private final CatalogService catalog;

    @Inject
    SubscriptionLicenses(LicenseLifecycleStore store, LicenseStore licenses, PolicyService policies, LicenseEvents events, AuditLog audit,
            OrderService orders, CatalogService catalog) {
        this.catalog = catalog;
        this.store = store;
        this.licenses = licenses;
        this.policies = policies;
        this.events = events;
        this.audit = audit;
        this.orders = orders;
    }

    @Override
    public String id() {
        return "license-subscriptions";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(SubscriptionStarted.class, SubscriptionPeriodPaid.class, SubscriptionStatusChanged.class, SubscriptionPlanChanged.class);
    }

    @Override
    public void on(DomainEvent event) {
        switch (event) {
            case SubscriptionStarted s -> {
                List<String> ids = store.idsByLine(s.lineId());
                if (ids.isEmpty() && orders.find(s.orderId()).map(o -> o.status() == OrderStatus.PAID).orElse(false)) {
                    // fulfilment has not issued the license yet: try again later rather than miss it
                    throw new IllegalStateException("order " + s.orderId() + " is not fulfilled yet; subscription " + s.subscriptionId() + " waits");
                }
                follow(ids, s.periodEnd(), false, Move.NONE, "subscription " + s.subscriptionId() + " started (" + s.status() + ")");
                seats(ids, s.orderId(), s.lineId(), "subscription " + s.subscriptionId() + " started");
            }
            case SubscriptionPeriodPaid p -> follow(store.idsByLine(p.lineId()), p.periodEnd(), false, Move.REINSTATE,
                    "subscription " + p.subscriptionId() + " period " + p.seq() + " paid");
            case SubscriptionStatusChanged c when c.accessUntil() != null -> {
                boolean ends = c.to().equals("canceled") || c.to().equals("paused");
                Move move = c.to().equals("canceled") && c.from().equals("past_due") ? Move.SUSPEND : Move.NONE;
                follow(store.idsByLine(c.lineId()), c.accessUntil(), ends, move, "subscription " + c.subscriptionId() + " " + c.to() + ": " + c.reason());
            }
            case SubscriptionPlanChanged c when c.seats() -> seats(store.idsByLine(c.lineId()), c.toQuantity(),
                    "subscription " + c.subscriptionId() + " change " + c.changeId() + ": " + c.fromQuantity() + " -> " + c.toQuantity() + " seats");
            default -> { }
        }
    }

    /** A change of seats (or to a plan sold by seats): each license of the line holds {@code users} users from now on. */
    private void seats(List<String> ids, int users, String reason) {
        for (String id : ids) {
            store.jdbi().useTransaction(h -> {
                if (store.setMaxUsers(h, id, users)) {
                    audit.record(h, AuditLog.Actor.SYSTEM, "license.seats", LicenseLifecycle.SUBJECT, id, Map.of("maxUsers", users, "reason", reason));
                }
            });
        }
    }

    /** A plan sold by seats: each license of the line holds as many users as the line's quantity. */
    private void seats(List<String> ids, String orderId, String lineId, String reason) {
        OrderLine line = orders.find(orderId).flatMap(o -> o.lines().stream().filter(l -> l.id().equals(lineId)).findFirst()).orElse(null);
        if (line == null || line.planId() == null
                || !catalog.plan(line.planId()).map(Plan::recurrence).map(Recurrence::seats).orElse(false)) {
            return;
        }
        seats(ids, line.quantity(), reason);
    }

    /** Moves each license's effective expiry to {@code until} ({@code exact}: also backwards) and applies {@code move}. */
    private void follow(List<String> ids, Instant until, boolean exact, Move move, String reason) {
        long target = until.toEpochMilli();
        for (String id : ids) {
            store.jdbi().useTransaction(h -> {
                licenses.lock(h, id);
                License l = store.byId(h, id).orElse(null);
                if (l == null || l.status() == LicenseStatus.REVOKED) {
                    return;
                }
                Policy policy = policies.forLicense(l);
                Long expiry = Validator.expiresAt(l, policy);
                boolean moved = false;
                if (expiry == null && policy.durationSeconds() == null) {
                    store.setIssuedExpiry(h, id, target); // issued without an expiry: the subscription gives it one
                    moved = true;
                } else if (expiry != null && (exact ? expiry != target : expiry < target)) {
                    store.extend(h, id, target - expiry);
                    moved = true;
                }
                LicenseStatus to = switch (move) {
                    case SUSPEND -> l.status() == LicenseStatus.ACTIVE ? LicenseStatus.SUSPENDED : null;
                    case REINSTATE -> l.status() == LicenseStatus.SUSPENDED ? LicenseStatus.ACTIVE : null;
                    case NONE -> null;
                };
                if (to != null) {
                    store.setStatus(h, id, to);
                }
                if (!moved && to == null) {
                    return;
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("expiresAt", target);
                detail.put("reason", reason);
                if (to != null) {
                    detail.put("from", l.status().id());
                    detail.put("to", to.id());
                }
                audit.record(h, AuditLog.Actor.SYSTEM, "license.subscription", LicenseLifecycle.SUBJECT, id, detail);
                if (to != null) {
                    events.statusChanged(h, store.byId(h, id).orElseThrow(), l.status(), reason);
                }
            });
        }
    }
}
