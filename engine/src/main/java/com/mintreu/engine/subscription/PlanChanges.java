package com.mintreu.engine.subscription;

import com.mintreu.api.event.SubscriptionPlanChanged;
import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Recurrence;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.ledger.FeeSplit;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plan and seat changes of an active subscription (README "Plan changes"). An upgrade (the new
 * plan × quantity costs more per period) applies now, once its prorated charge ({@link Proration})
 * is paid off-session on the saved method as an order of the subscription, so the ledger books it
 * as any paid order; a decline or no saved method changes nothing. A downgrade (costs the same or
 * less) is scheduled for the next renewal, which applies it before pricing its order; it can be
 * undone until then. Every confirm carries the preview's token, so a confirm made after the price
 * or the period moved is refused rather than charged differently from what was shown.
 */
@Singleton
public final class PlanChanges {

    private static final Logger LOG = LoggerFactory.getLogger(PlanChanges.class);
    private static final int MAX_QUANTITY = 10_000;

    /** What a change would do, as shown before confirming. {@code due} is zero for a downgrade. */
    public record Quote(String kind, Subscription subscription, Plan toPlan, int toQuantity, Money oldAmount, Money newAmount,
            Proration proration, long appliesAt, String rule, String token) {

        public boolean upgrade() {
            return "upgrade".equals(kind);
        }

        /** What is charged now (an upgrade's prorated difference); zero for a downgrade. */
        public Money due() {
            return proration == null || !upgrade() ? Money.zero(newAmount.currency()) : proration.due();
        }

        /** What a downgrade credited now leaves on the subscription for its next renewals; zero otherwise. */
        public Money creditNow() {
            return proration == null || upgrade() ? Money.zero(newAmount.currency()) : proration.creditDue();
        }

        /** Whether the change applies now: an upgrade, or a downgrade under the "credit immediately" policy. */
        public boolean now() {
            return proration != null;
        }
    }

    private final SubscriptionStore store;
    private final PlanChangeStore changes;
    private final SubscriptionService subscriptions;
    private final CatalogService catalog;
    private final OrderService orders;
    private final OrdersConfig ordersConfig;
    private final SavedMethodCharge charger;
    private final Outbox outbox;
    private final AuditLog audit;
    private final SubscriptionPolicies policies;
    private final Clock clock;

    @Inject
    PlanChanges(SubscriptionStore store, PlanChangeStore changes, SubscriptionService subscriptions, CatalogService catalog, OrderService orders,
            OrdersConfig ordersConfig, SavedMethodCharge charger, Outbox outbox, AuditLog audit, SubscriptionPolicies policies, Clock clock) {
        this.policies = policies;
        this.store = store;
        this.changes = changes;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.orders = orders;
        this.ordersConfig = ordersConfig;
        this.charger = charger;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** The plans a subscription may change to: its product's recurring plans billed at the same interval, in the same currency. */
    public List<Plan> choices(Subscription s) {
        return catalog.plans(s.productId()).stream().filter(p -> p.recurring() && sameInterval(p.recurrence(), s.recurrence())
                && p.price().currency().equals(s.unitPrice().currency())).toList();
    }

    /** Whether the subscription's plan is sold by seats (its quantity can change). */
    public boolean soldBySeats(Subscription s) {
        return catalog.plan(s.planId()).map(Plan::recurrence).map(Recurrence::seats).orElse(false);
    }

    /** Whether the product's seller credits downgrades at once (else they wait for the renewal). */
    public boolean downgradesCreditNow(Subscription s) {
        return policies.of(s.productId()).downgradeCreditsNow();
    }

    /** The subscription's open change (being charged, or scheduled for the next renewal). */
    public Optional<PlanChange> open(String subscriptionId) {
        return changes.open(subscriptionId);
    }

    /** Every change of the subscription, newest first. */
    public List<PlanChange> history(String subscriptionId) {
        return changes.forSubscription(subscriptionId);
    }

    /**
     * What changing to {@code planId} (null: the current plan) with {@code quantity} seats (null:
     * the current quantity) would cost now. 404 for another customer's subscription; 422 for a
     * plan or quantity it cannot change to; 409 when it is not active or has a change open.
     */
    public Quote preview(Principal caller, String id, String planId, Integer quantity) {
        Subscription s = subscriptions.visibleTo(caller, id);
        if (s.providerManaged()) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "this subscription is billed by " + s.gateway()
                    + ", which bills the plan it was bought at: cancel it and subscribe to the other plan");
        }
        if (s.status() != SubscriptionStatus.ACTIVE || s.cancelAtPeriodEnd()) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "only an active subscription that renews changes plan; this one is "
                    + (s.cancelAtPeriodEnd() ? "set to end with its period" : s.status().id()));
        }
        changes.open(id).ifPresent(c -> {
            throw new ApiException(CommonError.CONFLICT, "a change to " + c.toPlanName() + " × " + c.toQuantity() + " is "
                    + ("scheduled".equals(c.status()) ? "scheduled for the next renewal; undo it first" : "being charged; try again in a minute"));
        });
        String target = planId == null || planId.isBlank() ? s.planId() : planId.strip();
        Plan plan = catalog.plan(target).filter(p -> p.productId().equals(s.productId()))
                .orElseThrow(() -> invalid("planId", "is not a plan of " + s.title(), "UNKNOWN_PLAN"));
        if (!plan.recurring() || !sameInterval(plan.recurrence(), s.recurrence())) {
            throw invalid("planId", plan.name() + " is not billed every " + s.recurrence().per()
                    + "; a change keeps the billing interval", "OTHER_INTERVAL");
        }
        if (!plan.price().currency().equals(s.unitPrice().currency())) {
            throw invalid("planId", plan.name() + " is priced in " + plan.price().currency(), "OTHER_CURRENCY");
        }
        int qty = quantity == null ? s.quantity() : quantity;
        if (qty < 1 || qty > MAX_QUANTITY) {
            throw invalid("quantity", "must be between 1 and " + MAX_QUANTITY, "OUT_OF_RANGE");
        }
        if (qty != s.quantity() && !plan.recurrence().seats()) {
            throw invalid("quantity", plan.name() + " is not sold by seats; the quantity stays " + s.quantity(), "NOT_SEATS");
        }
        if (plan.id().equals(s.planId()) && qty == s.quantity() && plan.price().equals(s.unitPrice())) {
            throw invalid(quantity == null ? "planId" : "quantity", "is what the subscription has already", "UNCHANGED");
        }
        return quote(s, plan, qty, clock.millis());
    }

    private Quote quote(Subscription s, Plan plan, int qty, long now) {
        Money oldAmount = s.amount();
        Money newAmount = plan.price().times(qty);
        boolean upgrade = newAmount.compareTo(oldAmount) > 0;
        boolean creditNow = !upgrade && policies.of(s.productId()).downgradeCreditsNow();
        Proration p = upgrade ? Proration.of(oldAmount, newAmount, s.currentPeriodStart(), s.currentPeriodEnd(), now)
                : creditNow ? Proration.downgrade(oldAmount, newAmount, s.currentPeriodStart(), s.currentPeriodEnd(), now) : null;
        String rule = creditNow
                ? "Applies now (the seller credits downgrades at once). For the " + p.remainingDays() + " of " + p.periodDays()
                        + " days left: " + MoneyText.format(oldAmount) + " × " + p.remainingDays() + "/" + p.periodDays() + " = "
                        + MoneyText.format(p.credit()) + " at the old price, " + MoneyText.format(newAmount) + " × " + p.remainingDays() + "/"
                        + p.periodDays() + " = " + MoneyText.format(p.newPart()) + " at the new price, each rounded half up to the cent: "
                        + MoneyText.format(p.creditDue()) + " credit, taken off your next renewal"
                        + (p.creditDue().compareTo(newAmount) > 0 ? "s" : "") + "; then " + MoneyText.format(newAmount) + " per "
                        + s.recurrence().per() + ". Nothing is charged now."
                : upgrade
                ? "Applies now. Credit for the " + p.remainingDays() + " of " + p.periodDays() + " days left at the old price ("
                        + MoneyText.format(oldAmount) + " × " + p.remainingDays() + "/" + p.periodDays() + " = " + MoneyText.format(p.credit())
                        + "), charge for them at the new price (" + MoneyText.format(newAmount) + " × " + p.remainingDays() + "/"
                        + p.periodDays() + " = " + MoneyText.format(p.newPart()) + "), each rounded half up to the cent: "
                        + MoneyText.format(p.due()) + " now, then " + MoneyText.format(newAmount) + " per " + s.recurrence().per() + "."
                : "Applies at the next renewal: you keep " + s.planName() + " until the period ends, then pay " + MoneyText.format(newAmount)
                        + " per " + s.recurrence().per() + ". Nothing is charged or credited now.";
        String fingerprint = String.join("|", s.id(), String.valueOf(s.currentSeq()), s.planId(), String.valueOf(s.unitPrice().minor()),
                String.valueOf(s.quantity()), plan.id(), String.valueOf(plan.price().minor()), String.valueOf(qty),
                p == null ? "-" : p.remainingDays() + "/" + p.periodDays() + "/" + p.due().minor() + (creditNow ? "/credit" : ""));
        String token = com.mintreu.engine.security.Tokens.sha256(fingerprint).substring(0, 32);
        return new Quote(upgrade ? "upgrade" : "downgrade", s, plan, qty, oldAmount, newAmount, p, p != null ? now : s.currentPeriodEnd(), rule, token);
    }

    /**
     * Confirms the change previewed with {@code token}: an upgrade is charged and applied now, a
     * downgrade scheduled. 409 {@code STALE_PREVIEW} when what the preview showed no longer holds;
     * 402 {@code PAYMENT_DECLINED} when the charge was declined or there is no saved method (nothing
     * changes); 409 {@code CONFLICT} when another change got there first.
     */
    public Subscription confirm(Principal caller, String id, String planId, Integer quantity, String token) {
        Quote q = preview(caller, id, planId, quantity);
        if (token == null || !token.equals(q.token())) {
            throw new ApiException(SubscriptionError.STALE_PREVIEW, "the preview no longer holds: " + q.rule());
        }
        Subscription s = q.subscription();
        long now = clock.millis();
        Money due = q.due();
        String changeId = Ids.next("spc");
        Order order = q.upgrade() && !due.isZero() ? changeOrder(s, q, changeId, now) : null;
        Money amount = q.creditNow().isZero() ? due : Money.zero(due.currency()).minus(q.creditNow()); // negative: a credit
        PlanChange c = new PlanChange(changeId, s.id(), q.kind(), s.planId(), q.toPlan().id(), q.toPlan().name(), s.quantity(), q.toQuantity(),
                s.unitPrice(), q.toPlan().price(), amount, s.currentSeq(), order == null ? null : order.id(),
                q.upgrade() ? "charging" : "scheduled", null, now);
        AuditLog.Actor actor = AuditLog.Actor.of(caller, caller.isAdmin() ? "admin" : "customer");
        store.jdbi().useTransaction(h -> {
            if (order != null) {
                orders.place(order, "change:" + s.id() + ":" + changeId, null);
            }
            if (!changes.insert(h, c, now)) {
                throw new ApiException(CommonError.CONFLICT, "another change of this subscription was made meanwhile; reload and try again");
            }
            // the open-change slot is ours, but a change applied since the preview frees it too: what the
            // preview was computed from must still hold, or this change would be charged and never applied
            Subscription current = store.find(h, id).orElseThrow();
            if (current.currentSeq() != s.currentSeq() || !current.planId().equals(s.planId()) || current.quantity() != s.quantity()
                    || !current.unitPrice().equals(s.unitPrice())) {
                throw new ApiException(SubscriptionError.STALE_PREVIEW, "the subscription changed since the preview; look at the new preview and confirm again");
            }
            if (!q.upgrade() && q.now()) {
                // the seller credits downgrades at once: applied now, the credit kept for the next renewals
                if (!changes.moveTo(h, c, s.currentSeq(), now)) {
                    throw new ApiException(CommonError.CONFLICT, "the subscription changed meanwhile; reload and try again");
                }
                policies.addCredit(h, s.id(), q.creditNow());
                applied(h, c, "scheduled", actor);
            } else if (!q.upgrade()) {
                changes.history(h, s.id(), s.status().id(), "change to " + c.toPlanName() + " × " + c.toQuantity() + " scheduled for "
                        + Instant.ofEpochMilli(s.currentPeriodEnd()) + " (" + c.id() + ")", now);
                audit.record(h, actor, "subscription.schedule-change", "subscription", s.id(), detail(c));
            }
        });
        if (!q.upgrade()) {
            return store.find(id).orElseThrow();
        }
        if (order == null) {
            apply(c, actor); // rounding left nothing to charge
            return store.find(id).orElseThrow();
        }
        switch (charge(c, s, actor)) {
            case PAID -> { }
            case DECLINED, NO_METHOD -> throw new ApiException(SubscriptionError.PAYMENT_DECLINED,
                    changes.forSubscription(id).getFirst().reason() + "; your plan was not changed");
            default -> throw new ApiException(SubscriptionError.CHARGE_PENDING, "the payment provider did not confirm the charge of "
                    + MoneyText.format(due) + " yet; it is asked again within minutes (never charged twice) and the change applies when it is paid");
        }
        return store.find(id).orElseThrow();
    }

    /** Takes back a scheduled downgrade; 409 when there is none. */
    public Subscription undo(Principal caller, String id) {
        Subscription s = subscriptions.visibleTo(caller, id);
        boolean undone = store.jdbi().inTransaction(h -> {
            PlanChange c = changes.open(h, id).filter(x -> "scheduled".equals(x.status())).orElse(null);
            if (c == null || !changes.settle(h, c.id(), "scheduled", "undone", null, clock.millis())) {
                return false;
            }
            changes.history(h, id, s.status().id(), "scheduled change to " + c.toPlanName() + " × " + c.toQuantity() + " undone (" + c.id() + ")",
                    clock.millis());
            audit.record(h, AuditLog.Actor.of(caller, caller.isAdmin() ? "admin" : "customer"), "subscription.undo-change", "subscription", id,
                    detail(c));
            return true;
        });
        if (!undone) {
            throw new ApiException(CommonError.CONFLICT, "there is no scheduled change to undo");
        }
        return store.find(id).orElseThrow();
    }

    /**
     * The renewal of period {@code seq} is about to be priced: a change scheduled for it applies
     * first (plan, price and seats), once. Returns the subscription as it renews.
     */
    Subscription applyScheduled(Subscription s, int seq) {
        store.jdbi().useTransaction(h -> {
            PlanChange c = changes.open(h, s.id()).filter(x -> "scheduled".equals(x.status())).orElse(null);
            if (c == null || store.period(h, s.id(), seq).isPresent() || !changes.moveTo(h, c, seq - 1, clock.millis())) {
                return;
            }
            applied(h, c, "scheduled", AuditLog.Actor.SYSTEM);
        });
        return store.find(s.id()).orElseThrow();
    }

    /** Upgrades whose charge had no known outcome: asked again with the same key (the renewal job, every run). */
    void settleUnknown() {
        for (PlanChange c : changes.chargingSince(clock.millis() - Duration.ofMinutes(1).toMillis(), 100)) {
            store.find(c.subscriptionId()).ifPresent(s -> charge(c, s, AuditLog.Actor.SYSTEM));
        }
    }

    private SavedMethodCharge.Outcome charge(PlanChange c, Subscription s, AuditLog.Actor actor) {
        SavedMethodCharge.Result r = charger.charge(s, c.orderId(), c.amount(), s.title() + " – change to " + c.toPlanName(), c.chargeKey());
        switch (r.outcome()) {
            case PAID -> apply(c, actor);
            case DECLINED, NO_METHOD -> {
                String why = r.outcome() == SavedMethodCharge.Outcome.NO_METHOD
                        ? "there is no saved payment method to charge " + MoneyText.format(c.amount()) + " to"
                        : "your payment method was declined (" + r.declineReason() + ")";
                boolean settled = store.jdbi().inTransaction(h -> {
                    if (!changes.settle(h, c.id(), "charging", "declined", why, clock.millis())) {
                        return false;
                    }
                    changes.history(h, s.id(), s.status().id(), "change to " + c.toPlanName() + " not applied: " + why + " (" + c.id() + ")",
                            clock.millis());
                    return true;
                });
                if (settled) {
                    orders.cancelUnpaidRenewal(c.orderId(), "plan change " + c.id() + " not paid: " + why);
                }
            }
            default -> { }
        }
        return r.outcome();
    }

    /** The charge was paid: the subscription moves to the new plan, once. */
    private void apply(PlanChange c, AuditLog.Actor actor) {
        store.jdbi().useTransaction(h -> {
            if (changes.moveTo(h, c, c.atSeq(), clock.millis())) {
                applied(h, c, "charging", actor);
            } else if (changes.settle(h, c.id(), "charging", "declined", "the subscription changed while the charge was taken", clock.millis())) {
                LOG.error("subscription {}: change {} was paid by order {} but the subscription changed meanwhile; refund it", c.subscriptionId(),
                        c.id(), c.orderId());
            }
        });
    }

    private void applied(Handle h, PlanChange c, String from, AuditLog.Actor actor) {
        long now = clock.millis();
        if (!changes.settle(h, c.id(), from, "applied", null, now)) {
            throw new IllegalStateException("change " + c.id() + " was settled twice");
        }
        Subscription s = store.find(h, c.subscriptionId()).orElseThrow();
        changes.history(h, s.id(), s.status().id(), c.kind() + " to " + c.toPlanName() + " × " + c.toQuantity() + " applied"
                + (c.orderId() == null ? "" : ", " + MoneyText.format(c.amount()) + " paid by " + c.orderId())
                + (c.amount().isNegative() ? ", " + MoneyText.format(Money.zero(c.amount().currency()).minus(c.amount())) + " credited for the next renewal" : "")
                + " (" + c.id() + ")", now);
        boolean seats = catalog.plan(c.toPlanId()).map(p -> p.recurrence() != null && p.recurrence().seats()).orElse(false);
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new SubscriptionPlanChanged(stamp.eventId(), stamp.at(), s.id(), s.customerId(), s.originLineId(), c.id(),
                c.fromPlanId(), c.toPlanId(), c.fromQuantity(), c.toQuantity(), seats, c.orderId()));
        audit.record(h, actor, "subscription.change-plan", "subscription", s.id(), detail(c));
    }

    /** The prorated charge as an order of the subscription ({@code renewal_of}): fulfilment grants nothing new for it. */
    private Order changeOrder(Subscription s, Quote q, String changeId, long now) {
        Order first = orders.find(s.originOrderId()).orElseThrow();
        String productType = first.lines().stream().filter(l -> l.id().equals(s.originLineId())).map(OrderLine::productType).findFirst()
                .orElseThrow();
        Money due = q.due();
        FeeSplit split = FeeSplit.of(due, ordersConfig.platformFeeBasisPoints());
        Money zero = Money.zero(due.currency());
        Proration p = q.proration();
        OrderLine line = new OrderLine(Ids.next("oln"), 0, s.productId(), q.toPlan().id(), s.sellerId(), productType, s.title(),
                q.toPlan().name() + " × " + q.toQuantity() + " (change from " + s.planName() + ", " + p.remainingDays() + " of " + p.periodDays()
                        + " days)", 1, due, zero, due, split.platform(), split.seller());
        return new Order(Ids.next("ord"), s.customerId(), OrderStatus.PENDING, due, zero, due, null, s.gateway(), null, null, null, now, null,
                null, List.of(line), s.id());
    }

    private static Map<String, Object> detail(PlanChange c) {
        return Map.of("change", c.id(), "kind", c.kind(), "toPlan", c.toPlanId(), "quantity", c.toQuantity(), "amountMinor", c.amount().minor());
    }

    private static boolean sameInterval(Recurrence a, Recurrence b) {
        return a.interval().equals(b.interval()) && java.util.Objects.equals(a.intervalDays(), b.intervalDays());
    }

    private static ApiException invalid(String field, String message, String code) {
        return ApiException.invalid(List.of(new ApiException.FieldError(field, message, code)));
    }
}
