package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The seller's policies for a product's running subscriptions (V44): refund the unused part on
 * cancel now, and credit a downgrade immediately. Both off unless the seller turns them on. Also
 * the subscription's credit left by immediate downgrades, used by the next renewal orders.
 */
@Singleton
public final class SubscriptionPolicies {

    /** A product's policy; {@link #OFF} when the seller never set one. */
    public record Policy(boolean refundUnusedOnCancel, boolean downgradeCreditsNow) {
        public static final Policy OFF = new Policy(false, false);
    }

    private final SubscriptionStore store;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    SubscriptionPolicies(SubscriptionStore store, CatalogService catalog, AuditLog audit, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The product's policy (off when none is stored). */
    public Policy of(String productId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT refund_unused_on_cancel, downgrade_credit_now FROM subscription_policies "
                + "WHERE product_id = :p").bind("p", productId)
                .map((rs, ctx) -> new Policy(rs.getInt(1) == 1, rs.getInt(2) == 1)).findOne().orElse(Policy.OFF));
    }

    /** The seller's (or an admin's) product policy; 404 for another seller's product. */
    public Policy owned(Principal caller, String productId) {
        catalog.owned(caller, productId);
        return of(productId);
    }

    /** Sets the product's policy (the seller of the product or an admin; else 404), audited. */
    public Policy set(Principal caller, String productId, Policy policy) {
        catalog.owned(caller, productId);
        long now = clock.millis();
        store.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM subscription_policies WHERE product_id = :p").bind("p", productId).execute();
            h.createUpdate("INSERT INTO subscription_policies (product_id, refund_unused_on_cancel, downgrade_credit_now, updated_at) "
                    + "VALUES (:p, :r, :d, :now)").bind("p", productId).bind("r", policy.refundUnusedOnCancel() ? 1 : 0)
                    .bind("d", policy.downgradeCreditsNow() ? 1 : 0).bind("now", now).execute();
            audit.record(h, AuditLog.Actor.of(caller, caller.isAdmin() ? "admin" : "seller"), "subscription.policy", "product", productId,
                    Map.of("refundUnusedOnCancel", policy.refundUnusedOnCancel(), "downgradeCreditsNow", policy.downgradeCreditsNow()));
        });
        return policy;
    }

    /** The subscription's credit, in its currency. */
    public Money credit(Subscription s) {
        return store.jdbi().withHandle(h -> credit(h, s));
    }

    Money credit(Handle h, Subscription s) {
        long minor = h.createQuery("SELECT credit_minor FROM subscriptions WHERE id = :s").bind("s", s.id()).mapTo(Long.class).one();
        return new Money(minor, s.unitPrice().currency());
    }

    /** Adds {@code amount} (≥ 0) to the subscription's credit, in {@code h}'s transaction. */
    void addCredit(Handle h, String subscriptionId, Money amount) {
        h.createUpdate("UPDATE subscriptions SET credit_minor = credit_minor + :a WHERE id = :s").bind("a", amount.minor())
                .bind("s", subscriptionId).execute();
    }

    /** Takes {@code amount} off the credit when that much is there; false otherwise (another renewal used it). */
    boolean useCredit(Handle h, String subscriptionId, Money amount) {
        return amount.isZero() || h.createUpdate("UPDATE subscriptions SET credit_minor = credit_minor - :a WHERE id = :s AND credit_minor >= :a")
                .bind("a", amount.minor()).bind("s", subscriptionId).execute() == 1;
    }
}
