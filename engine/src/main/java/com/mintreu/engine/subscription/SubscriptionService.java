package com.mintreu.engine.subscription;

import com.mintreu.api.event.SubscriptionCancelScheduled;
import com.mintreu.api.event.SubscriptionPeriodPaid;
import com.mintreu.api.event.SubscriptionStarted;
import com.mintreu.api.event.SubscriptionStatusChanged;
import com.mintreu.api.payment.CancelSubscriptionRequest;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions' rules: every status change goes through {@link #move}, which applies only what
 * {@link SubscriptionStatus#next()} allows and writes the change's event to the outbox in the same
 * transaction; the customer's actions (cancel at period end and undo, cancel now, pause, resume)
 * are checked against the table before anything is written.
 */
@Singleton
public final class SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriptionStore store;
    private final Outbox outbox;
    private final AuditLog audit;
    private final SubscriptionMails mails;
    private final Clock clock;
    private final Gateways gateways;
    private final ProviderSubscriptionStore providerStore;

    @Inject
    SubscriptionService(SubscriptionStore store, Outbox outbox, AuditLog audit, SubscriptionMails mails, Clock clock, Gateways gateways,
            ProviderSubscriptionStore providerStore) {
        this.gateways = gateways;
        this.providerStore = providerStore;
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.mails = mails;
        this.clock = clock;
    }

    /** The subscription, for features reacting to its events (the seller's webhooks); no access check. */
    public Optional<Subscription> find(String id) {
        return store.find(id);
    }

    /** The subscription when the caller owns it or is an admin; otherwise 404, as if it did not exist. */
    public Subscription visibleTo(Principal caller, String id) {
        return store.find(id).filter(s -> s.customerId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> ApiException.notFound("subscription " + id));
    }

    /** The customer's subscriptions, newest first. */
    public Page<Subscription> forCustomer(String customerId, PageRequest page) {
        return store.forCustomer(customerId, page);
    }

    /** The subscription an order line started, if it bought a recurring plan. */
    public Optional<Subscription> byOriginLine(String lineId) {
        return store.byOriginLine(lineId);
    }

    /** Every period of a subscription, oldest first. */
    List<SubscriptionStore.Period> periods(String id) {
        return store.periods(id);
    }

    /**
     * The one way a status changes: the store's conditional transition, then the
     * {@link SubscriptionStatusChanged} event in the same transaction, only when it was applied.
     * {@code accessUntil}: until when the benefits last given this change (null: not limited).
     */
    SubscriptionStore.Moved move(Handle h, Subscription s, SubscriptionStatus to, String reason, Long accessUntil) {
        long now = clock.millis();
        SubscriptionStore.Moved moved = store.transition(h, s.id(), s.status(), to, reason, now);
        if (moved == SubscriptionStore.Moved.APPLIED) {
            Outbox.Stamp stamp = outbox.stamp();
            outbox.publish(h, new SubscriptionStatusChanged(stamp.eventId(), stamp.at(), s.id(), s.customerId(), s.originLineId(),
                    s.status().id(), to.id(), reason, accessUntil == null ? null : Instant.ofEpochMilli(accessUntil)));
            if (to == SubscriptionStatus.CANCELED) {
                mails.canceled(h, s, reason);
            }
        } else if (moved == SubscriptionStore.Moved.CONFLICT) {
            LOG.warn("subscription {}: {} -> {} is not allowed; not applied ({})", s.id(), s.status().id(), to.id(), reason);
        }
        return moved;
    }

    /** A new subscription and its first period, with {@link SubscriptionStarted}; false when the line had one already. */
    boolean start(Handle h, Subscription s, String firstOrderId) {
        long now = clock.millis();
        if (!store.insert(h, s, now)) {
            return false;
        }
        boolean trial = s.status() == SubscriptionStatus.TRIALING;
        store.insertPeriod(h, s.id(), 0, trial ? "trial" : "paid", s.currentPeriodStart(), s.currentPeriodEnd(), firstOrderId, "paid", now);
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new SubscriptionStarted(stamp.eventId(), stamp.at(), s.id(), s.customerId(), s.originOrderId(), s.originLineId(),
                s.status().id(), Instant.ofEpochMilli(s.currentPeriodEnd())));
        if (!trial) {
            periodPaidEvent(h, s, 0, firstOrderId, s.currentPeriodStart(), s.currentPeriodEnd());
        }
        return true;
    }

    /**
     * The order of an open period was paid (an off-session charge, or the customer paying the
     * renewal order on the provider's page): the period is paid, becomes current, and a trialing or
     * past-due subscription is active again. Idempotent: a period is paid once.
     */
    boolean periodPaid(Handle h, SubscriptionStore.Period period) {
        long now = clock.millis();
        if (!store.periodPaid(h, period.id(), now)) {
            return false;
        }
        Subscription s = store.find(h, period.subscriptionId()).orElseThrow();
        store.advance(h, s.id(), period.seq(), period.startsAt(), period.endsAt(), now);
        if (s.status() == SubscriptionStatus.TRIALING || s.status() == SubscriptionStatus.PAST_DUE) {
            boolean moved = move(h, s, SubscriptionStatus.ACTIVE, "period " + period.seq() + " paid (" + period.orderId() + ")", null)
                    == SubscriptionStore.Moved.APPLIED;
            if (moved && s.status() == SubscriptionStatus.PAST_DUE) {
                mails.recovered(h, s, period.seq(), period.endsAt());
            }
        } else if (s.status() == SubscriptionStatus.CANCELED) {
            LOG.warn("subscription {} is canceled but order {} paid its period {}; kept for an admin", s.id(), period.orderId(), period.seq());
        }
        periodPaidEvent(h, s, period.seq(), period.orderId(), period.startsAt(), period.endsAt());
        return true;
    }

    private void periodPaidEvent(Handle h, Subscription s, int seq, String orderId, long start, long end) {
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new SubscriptionPeriodPaid(stamp.eventId(), stamp.at(), s.id(), s.customerId(), s.originLineId(), seq, orderId,
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
    }

    // ---- the customer's actions ------------------------------------------------------------

    /** Ends the subscription when the paid period ends ({@code cancel} true), or takes that back. */
    public Subscription cancelAtPeriodEnd(Principal caller, String id, boolean cancel) {
        Subscription s = visibleTo(caller, id);
        if (s.status() != SubscriptionStatus.ACTIVE && s.status() != SubscriptionStatus.TRIALING) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "a " + s.status().id() + " subscription cannot be "
                    + (cancel ? "canceled at period end" : "resumed"));
        }
        if (s.cancelAtPeriodEnd() != cancel) {
            atProvider(s, cancel ? "cancel-at-period-end" : "undo-cancel");
        }
        boolean changed = store.jdbi().inTransaction(h -> {
            if (!scheduleCancel(h, s, cancel)) {
                return false;
            }
            audited(h, caller, cancel ? "subscription.cancel-at-period-end" : "subscription.undo-cancel", id);
            return true;
        });
        if (!changed && s.cancelAtPeriodEnd() != cancel) {
            throw new ApiException(CommonError.CONFLICT, "the subscription changed meanwhile; reload and try again");
        }
        return store.find(id).orElseThrow();
    }

    /** Sets or clears the cancel-at-period-end flag with its event, in {@code h}; false when it was so already or the subscription no longer renews. */
    boolean scheduleCancel(Handle h, Subscription s, boolean cancel) {
        if (!store.cancelAtPeriodEnd(h, s.id(), cancel, clock.millis())) {
            return false;
        }
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new SubscriptionCancelScheduled(stamp.eventId(), stamp.at(), s.id(), s.customerId(), s.originLineId(),
                cancel ? Instant.ofEpochMilli(s.currentPeriodEnd()) : null));
        return true;
    }

    /**
     * A customer's action on a provider-managed subscription is made at the provider first (through
     * the plugin dispatcher, with an idempotency key of the action and the subscription's state, so
     * a retry of one click changes nothing twice); only when it took it does the engine change.
     * Pausing is not offered there. Nothing happens for an engine-renewed subscription.
     */
    private void atProvider(Subscription s, String action) {
        if (!s.providerManaged()) {
            return;
        }
        if (action.equals("pause") || action.equals("resume")) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "a subscription billed by " + s.gateway() + " cannot be paused here");
        }
        if (s.providerReference() == null) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "the payment provider has not confirmed this subscription yet; "
                    + "try again in a minute");
        }
        String key = s.id() + ":" + action + ":" + providerStore.updatedAt(s.id());
        CancelSubscriptionRequest request = new CancelSubscriptionRequest(s.providerReference(), !action.equals("cancel"), key);
        try {
            gateways.call(s.gateway(), action.equals("undo-cancel") ? "undoCancelSubscription" : "cancelSubscription", g -> {
                if (action.equals("undo-cancel")) {
                    g.undoCancelSubscription(request);
                } else {
                    g.cancelSubscription(request);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: {} at {} failed: {}", s.id(), action, s.gateway(), e.getMessage());
            throw new ApiException(SubscriptionError.PROVIDER_FAILED, "the payment provider did not take the change ("
                    + (e.getCause() instanceof UnsupportedOperationException ? "not supported by " + s.gateway() : "try again in a few minutes")
                    + "); nothing changed");
        }
    }

    /** Ends the subscription now: the benefits end now too (no refund of the unused part in this version). */
    public Subscription cancelNow(Principal caller, String id) {
        return act(caller, id, SubscriptionStatus.CANCELED, "canceled by " + (caller.isAdmin() ? "an admin" : "the customer"),
                "subscription.cancel", true);
    }

    /** Stops renewals of an active subscription; the paid period is kept until it ends. */
    public Subscription pause(Principal caller, String id) {
        return act(caller, id, SubscriptionStatus.PAUSED, "paused by the customer", "subscription.pause", false);
    }

    /** Renews a paused subscription again: the next charge is due at once if its period ended. */
    public Subscription resume(Principal caller, String id) {
        return act(caller, id, SubscriptionStatus.ACTIVE, "resumed by the customer", "subscription.resume", false);
    }

    private Subscription act(Principal caller, String id, SubscriptionStatus to, String reason, String action, boolean endsNow) {
        Subscription s = visibleTo(caller, id);
        if (!s.status().canMoveTo(to) || (to == SubscriptionStatus.ACTIVE && s.status() != SubscriptionStatus.PAUSED)) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "a " + s.status().id() + " subscription cannot become " + to.id());
        }
        atProvider(s, action.substring("subscription.".length()));
        Long accessUntil = null; // resuming limits nothing
        if (endsNow) {
            accessUntil = clock.millis();
        } else if (to == SubscriptionStatus.PAUSED) {
            accessUntil = s.currentPeriodEnd();
        }
        Long until = accessUntil;
        boolean done = store.jdbi().inTransaction(h -> {
            if (move(h, s, to, reason, until) != SubscriptionStore.Moved.APPLIED) {
                return false;
            }
            audited(h, caller, action, id);
            return true;
        });
        if (!done) {
            throw new ApiException(CommonError.CONFLICT, "the subscription changed meanwhile; reload and try again");
        }
        return store.find(id).orElseThrow();
    }

    private void audited(Handle h, Principal caller, String action, String id) {
        audit.record(h, AuditLog.Actor.of(caller, caller.isAdmin() ? "admin" : "customer"), action, "subscription", id, Map.of());
    }
}
