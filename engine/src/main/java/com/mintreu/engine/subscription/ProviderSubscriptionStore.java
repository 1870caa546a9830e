package com.mintreu.engine.subscription;

import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for provider-managed subscriptions: the ids allocated at checkout and the periods the provider reported paid. */
@Singleton
final class ProviderSubscriptionStore {

    /** A subscription id allocated at checkout for the recurring line of an order paid at a provider that renews it. */
    record Pending(String subscriptionId, String gateway, String orderId, String lineId, String providerReference) {}

    private final Jdbi jdbi;

    @Inject
    ProviderSubscriptionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    void insert(Handle h, String subscriptionId, String gateway, String orderId, String lineId, long now) {
        h.createUpdate("INSERT INTO provider_subscriptions (subscription_id, gateway, order_id, line_id, created_at) "
                        + "VALUES (:id, :gateway, :order, :line, :now)")
                .bind("id", subscriptionId).bind("gateway", gateway).bind("order", orderId).bind("line", lineId).bind("now", now).execute();
    }

    Optional<Pending> byOrder(Handle h, String orderId) {
        return h.createQuery("SELECT subscription_id, gateway, order_id, line_id, provider_reference FROM provider_subscriptions WHERE order_id = :o")
                .bind("o", orderId).map((rs, ctx) -> pending(rs)).findOne();
    }

    Optional<Pending> byLine(Handle h, String lineId) {
        return h.createQuery("SELECT subscription_id, gateway, order_id, line_id, provider_reference FROM provider_subscriptions WHERE line_id = :l")
                .bind("l", lineId).map((rs, ctx) -> pending(rs)).findOne();
    }

    /** The allocation the event is about: by the engine's id it echoes (at that gateway), else by the provider's subscription id. */
    Optional<Pending> find(Handle h, String gateway, String subscriptionId, String providerReference) {
        Optional<Pending> byId = subscriptionId == null ? Optional.empty()
                : h.createQuery("SELECT subscription_id, gateway, order_id, line_id, provider_reference FROM provider_subscriptions "
                        + "WHERE subscription_id = :id AND gateway = :g").bind("id", subscriptionId).bind("g", gateway).map((rs, ctx) -> pending(rs)).findOne();
        return byId.or(() -> providerReference == null ? Optional.empty()
                : h.createQuery("SELECT subscription_id, gateway, order_id, line_id, provider_reference FROM provider_subscriptions "
                        + "WHERE gateway = :g AND provider_reference = :r").bind("g", gateway).bind("r", providerReference)
                        .map((rs, ctx) -> pending(rs)).findOne());
    }

    /** Learns the provider's subscription id (first event that names both); the started subscription gets it too. */
    void link(Handle h, String subscriptionId, String providerReference, long now) {
        h.createUpdate("UPDATE provider_subscriptions SET provider_reference = :r WHERE subscription_id = :id AND provider_reference IS NULL")
                .bind("r", providerReference).bind("id", subscriptionId).execute();
        h.createUpdate("UPDATE subscriptions SET provider_reference = :r, updated_at = :now WHERE id = :id AND provider_reference IS NULL")
                .bind("r", providerReference).bind("id", subscriptionId).bind("now", now).execute();
    }

    void copyReference(Handle h, String subscriptionId) {
        h.createUpdate("UPDATE subscriptions SET provider_reference = (SELECT p.provider_reference FROM provider_subscriptions p "
                + "WHERE p.subscription_id = :id) WHERE id = :id AND provider_reference IS NULL").bind("id", subscriptionId).execute();
    }

    /** Records that the provider's payment paid period {@code seq}; false when that payment or that period was recorded already. */
    boolean recordPayment(Handle h, String subscriptionId, String paymentReference, int seq, String orderId, long now) {
        return h.createUpdate("""
                        INSERT INTO provider_subscription_payments (subscription_id, payment_reference, seq, order_id, created_at)
                        VALUES (:s, :ref, :seq, :order, :now) ON CONFLICT DO NOTHING""")
                .bind("s", subscriptionId).bind("ref", paymentReference).bind("seq", seq).bind("order", orderId).bind("now", now).execute() == 1;
    }

    boolean paymentKnown(Handle h, String subscriptionId, String paymentReference) {
        return h.createQuery("SELECT COUNT(*) FROM provider_subscription_payments WHERE subscription_id = :s AND payment_reference = :ref")
                .bind("s", subscriptionId).bind("ref", paymentReference).mapTo(Integer.class).one() > 0;
    }

    boolean periodKnown(Handle h, String subscriptionId, int seq) {
        return h.createQuery("SELECT COUNT(*) FROM provider_subscription_payments WHERE subscription_id = :s AND seq = :seq")
                .bind("s", subscriptionId).bind("seq", seq).mapTo(Integer.class).one() > 0;
    }

    /** When the subscription last changed: part of the idempotency key of a customer's action at the provider. */
    long updatedAt(String subscriptionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT updated_at FROM subscriptions WHERE id = :id").bind("id", subscriptionId)
                .mapTo(Long.class).one());
    }

    private static Pending pending(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
