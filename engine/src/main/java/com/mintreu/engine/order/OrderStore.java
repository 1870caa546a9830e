package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.PaymentEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for orders, their lines and events, and the payment webhook inbox. */
@Singleton
final class OrderStore {

    private static final String ORDER_COLUMNS = """
            id, customer_id, status, currency, subtotal_minor, discount_minor, total_minor, voucher_id, gateway,
            provider_reference, checkout_url, hold_reason, created_at, paid_at, fulfilled_at, renewal_of""";

    private final Jdbi jdbi;

    @Inject
    OrderStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    void insert(Handle h, Order o, String idempotencyKey, String requestHash) {
        h.createUpdate("INSERT INTO orders (" + ORDER_COLUMNS + ", idempotency_key, request_hash, updated_at) VALUES ("
                        + ":id, :customer, :status, :currency, :subtotal, :discount, :total, :voucher, :gateway, NULL, NULL, NULL, "
                        + ":created, :paid, NULL, :renewalOf, :key, :hash, :created)")
                .bind("renewalOf", o.renewalOf())
                .bind("id", o.id()).bind("customer", o.customerId()).bind("status", o.status().id())
                .bind("currency", o.currency()).bind("subtotal", o.subtotal().minor()).bind("discount", o.discount().minor())
                .bind("total", o.total().minor()).bind("voucher", o.voucherId()).bind("gateway", o.gateway())
                .bind("created", o.createdAt()).bind("paid", o.paidAt()).bind("key", idempotencyKey).bind("hash", requestHash)
                .execute();
        for (OrderLine l : o.lines()) {
            h.createUpdate("""
                    INSERT INTO order_lines (id, order_id, position, product_id, plan_id, seller_id, product_type, title, plan_name,
                        quantity, unit_minor, discount_minor, total_minor, platform_fee_minor, seller_minor)
                    VALUES (:id, :order, :pos, :product, :plan, :seller, :type, :title, :planName, :qty, :unit, :discount, :total, :fee, :share)""")
                    .bind("id", l.id()).bind("order", o.id()).bind("pos", l.position()).bind("product", l.productId())
                    .bind("plan", l.planId()).bind("seller", l.sellerId()).bind("type", l.productType()).bind("title", l.title())
                    .bind("planName", l.planName()).bind("qty", l.quantity()).bind("unit", l.unit().minor())
                    .bind("discount", l.discount().minor()).bind("total", l.total().minor()).bind("fee", l.platformFee().minor())
                    .bind("share", l.sellerShare().minor()).execute();
        }
    }

    Optional<Order> find(Handle h, String id) {
        return h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> order(rs)).findOne().map(o -> withLines(h, o));
    }

    Optional<Order> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** The order earlier created with this Idempotency-Key by this customer, and the hash of that request. */
    Optional<String[]> byIdempotencyKey(String customerId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, request_hash FROM orders WHERE customer_id = :c AND idempotency_key = :k")
                .bind("c", customerId).bind("k", key)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne());
    }

    /** What {@link #transition} did. */
    enum Moved {
        /** The order was in {@code from} and is now in {@code to}, with its {@code order_events} row. */
        APPLIED,
        /** The order was no longer in {@code from} (another request moved it first); nothing changed. */
        STALE,
        /** {@code from → to} is not in {@link OrderStatus#next()}: not applied, recorded in {@code order_conflicts}. */
        CONFLICT
    }

    /**
     * Moves the order from {@code from} to {@code to} only if the state machine allows that move
     * and the order is still in {@code from}: the conditional UPDATE is the lock, so two webhooks
     * racing cannot both pay one order. A move outside the table is never applied; it is recorded
     * for an admin (in the caller's transaction) and answered {@link Moved#CONFLICT}.
     */
    Moved transition(Handle h, String id, OrderStatus from, OrderStatus to, String reason, long now) {
        if (!from.canMoveTo(to)) {
            h.createUpdate("""
                    INSERT INTO order_conflicts (id, order_id, from_status, to_status, reason, created_at)
                    VALUES (:id, :order, :from, :to, :reason, :now)""")
                    .bind("id", com.mintreu.engine.db.Ids.next("ocf")).bind("order", id).bind("from", from.id()).bind("to", to.id())
                    .bind("reason", reason).bind("now", now).execute();
            return Moved.CONFLICT;
        }
        int changed = h.createUpdate("""
                UPDATE orders SET status = :to, updated_at = :now,
                    paid_at = CASE WHEN :paid THEN :now ELSE paid_at END,
                    fulfilled_at = CASE WHEN :fulfilled THEN :now ELSE fulfilled_at END,
                    hold_reason = CASE WHEN :held THEN :reason ELSE hold_reason END
                WHERE id = :id AND status = :from""")
                .bind("to", to.id()).bind("now", now).bind("paid", to == OrderStatus.PAID).bind("fulfilled", to == OrderStatus.FULFILLED)
                .bind("held", to == OrderStatus.HELD).bind("reason", reason).bind("id", id).bind("from", from.id()).execute();
        if (changed == 1) {
            h.createUpdate("INSERT INTO order_events (id, order_id, from_status, to_status, reason, created_at) VALUES (:id, :order, :from, :to, :reason, :now)")
                    .bind("id", com.mintreu.engine.db.Ids.next("oev")).bind("order", id).bind("from", from.id()).bind("to", to.id())
                    .bind("reason", reason).bind("now", now).execute();
        }
        return changed == 1 ? Moved.APPLIED : Moved.STALE;
    }

    /** Recorded conflicts, newest first; of one order when {@code orderId} is not null. */
    Page<OrderConflict> conflicts(String orderId, PageRequest page) {
        List<OrderConflict> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT id, order_id, from_status, to_status, reason, created_at"
                        + " FROM order_conflicts WHERE " + page.after("created_at", "id", true)
                        + (orderId == null ? "" : " AND order_id = :order") + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("order", orderId)
                .map((rs, ctx) -> new OrderConflict(rs.getString("id"), rs.getString("order_id"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("reason"), rs.getLong("created_at"))).list());
        return Page.of(rows, page, c -> Cursor.of(c.createdAt(), c.id()));
    }

    /**
     * Where the customer pays: only while the order is pending, so a payment page is never
     * attached to an order that expired or was canceled meanwhile. False when it was not pending.
     */
    boolean setCheckout(String id, String gateway, String reference, String url, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE orders SET gateway = :gateway, provider_reference = :ref, checkout_url = :url, updated_at = :now
                WHERE id = :id AND status = 'pending'""")
                .bind("gateway", gateway).bind("ref", reference).bind("url", url).bind("now", now).bind("id", id).execute() == 1);
    }

    /**
     * Switches a pending order to another gateway, only while no payment session exists (a session
     * at the first gateway could still be paid). False when that no longer holds.
     */
    boolean switchGateway(String id, String gateway, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE orders SET gateway = :gateway, updated_at = :now
                WHERE id = :id AND status = 'pending' AND provider_reference IS NULL""")
                .bind("gateway", gateway).bind("now", now).bind("id", id).execute() == 1);
    }

    /** Pending orders created before {@code cutoff} that never got a payment session. */
    List<String> pendingWithoutSession(long cutoff, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM orders WHERE status = 'pending' AND provider_reference IS NULL AND created_at < :cutoff
                          AND renewal_of IS NULL
                        ORDER BY created_at LIMIT :limit""")
                .bind("cutoff", cutoff).bind("limit", limit).mapTo(String.class).list());
    }

    Page<Order> forCustomer(String customerId, PageRequest page) {
        List<Order> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE customer_id = :c AND "
                        + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("c", customerId)
                .map((rs, ctx) -> order(rs)).list().stream().map(o -> withLines(h, o)).toList());
        return Page.of(rows, page, o -> Cursor.of(o.createdAt(), o.id()));
    }

    Page<Order> withStatus(OrderStatus status, PageRequest page) {
        List<Order> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE status = :s AND "
                        + page.after("created_at", "id", false) + " ORDER BY created_at, id LIMIT :limit"))
                .bind("s", status.id())
                .map((rs, ctx) -> order(rs)).list().stream().map(o -> withLines(h, o)).toList());
        return Page.of(rows, page, o -> Cursor.of(o.createdAt(), o.id()));
    }

    /** Pending orders created before {@code cutoff} that reached a gateway, oldest first after the key (created_at, id): candidates for reconciliation. */
    List<Order> pendingSince(long cutoff, long afterCreatedAt, String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE status = 'pending'"
                        + " AND provider_reference IS NOT NULL AND created_at < :cutoff"
                        + " AND (created_at > :t OR (created_at = :t AND id > :id)) ORDER BY created_at, id LIMIT :limit")
                .bind("cutoff", cutoff).bind("t", afterCreatedAt).bind("id", afterId).bind("limit", limit)
                .map((rs, ctx) -> order(rs)).list().stream().map(o -> withLines(h, o)).toList());
    }

    /** An order that ended unpaid, with when it ended (its last change). */
    record Ended(Order order, long endedAt) {}

    /**
     * Orders expired or failed at or after {@code since} that reached a gateway, by when they ended
     * after the key (updated_at, id): candidates for a late payment. An expired or failed order
     * changes only by becoming held, so updated_at is when it ended.
     */
    List<Ended> endedSince(long since, long afterEndedAt, String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS + ", updated_at FROM orders WHERE status IN ('expired', 'failed')"
                        + " AND provider_reference IS NOT NULL AND updated_at >= :since"
                        + " AND (updated_at > :t OR (updated_at = :t AND id > :id)) ORDER BY updated_at, id LIMIT :limit")
                .bind("since", since).bind("t", afterEndedAt).bind("id", afterId).bind("limit", limit)
                .map((rs, ctx) -> new Ended(order(rs), rs.getLong("updated_at"))).list());
    }

    /** Lines of paid (or fulfilled) orders sold by {@code sellerId}, newest first. */
    Page<Sale> salesOf(String sellerId, PageRequest page) {
        List<Sale> rows = jdbi.withHandle(h -> page.bind(h.createQuery("""
                SELECT o.id AS order_id, o.currency, o.paid_at, l.id AS line_id, l.product_id, l.title, l.plan_name, l.quantity,
                       l.total_minor, l.platform_fee_minor, l.seller_minor
                FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.seller_id = :seller AND o.status IN ('paid', 'fulfilled') AND\s""" + page.after("o.paid_at", "l.id", true)
                + " ORDER BY o.paid_at DESC, l.id DESC LIMIT :limit"))
                .bind("seller", sellerId)
                .map((rs, ctx) -> {
                    String c = rs.getString("currency");
                    return new Sale(rs.getString("order_id"), rs.getString("line_id"), rs.getString("product_id"), rs.getString("title"),
                            rs.getString("plan_name"), rs.getInt("quantity"), money(rs, "total_minor", c), money(rs, "platform_fee_minor", c),
                            money(rs, "seller_minor", c), rs.getLong("paid_at"));
                }).list());
        return Page.of(rows, page, sale -> Cursor.of(sale.paidAt(), sale.lineId()));
    }

    /** Records a webhook event; false when (gateway, event id) was seen before: a redelivery. */
    boolean recordEvent(Handle h, String gateway, PaymentEvent e, String orderId, String result, long now) {
        return recordEvent(h, gateway, e.providerEventId(), e.providerReference(), orderId, e.outcome().name(), e.amount(), e.rawType(), result, now);
    }

    /** Inserts an inbox row for any gateway event ({@code outcome} e.g. {@code REFUND_SUCCEEDED}); false for a duplicate. */
    boolean recordEvent(Handle h, String gateway, String eventId, String reference, String orderId, String outcome, Money amount, String rawType,
            String result, long now) {
        return h.createUpdate("""
                INSERT INTO payment_events (gateway, provider_event_id, provider_reference, order_id, outcome, amount_minor, currency,
                    raw_type, result, received_at)
                VALUES (:gateway, :event, :ref, :order, :outcome, :amount, :currency, :type, :result, :now)
                ON CONFLICT (gateway, provider_event_id) DO NOTHING""")
                .bind("gateway", gateway).bind("event", eventId).bind("ref", reference).bind("order", orderId)
                .bind("outcome", outcome).bind("amount", amount.minor()).bind("currency", amount.currency())
                .bind("type", rawType).bind("result", result).bind("now", now).execute() == 1;
    }

    void eventResult(Handle h, String gateway, String eventId, String result) {
        h.createUpdate("UPDATE payment_events SET result = :r WHERE gateway = :g AND provider_event_id = :e")
                .bind("r", result).bind("g", gateway).bind("e", eventId).execute();
    }

    Optional<String> orderByReference(Handle h, String gateway, String reference) {
        return h.createQuery("SELECT id FROM orders WHERE gateway = :g AND provider_reference = :r")
                .bind("g", gateway).bind("r", reference).mapTo(String.class).findOne();
    }

    private static Order withLines(Handle h, Order o) {
        String currency = o.currency();
        List<OrderLine> lines = h.createQuery("SELECT * FROM order_lines WHERE order_id = :id ORDER BY position").bind("id", o.id())
                .map((rs, ctx) -> new OrderLine(rs.getString("id"), rs.getInt("position"), rs.getString("product_id"), rs.getString("plan_id"),
                            rs.getString("seller_id"), rs.getString("product_type"), rs.getString("title"), rs.getString("plan_name"),
                            rs.getInt("quantity"), money(rs, "unit_minor", currency), money(rs, "discount_minor", currency),
                            money(rs, "total_minor", currency), money(rs, "platform_fee_minor", currency), money(rs, "seller_minor", currency)))
                .list();
        return new Order(o.id(), o.customerId(), o.status(), o.subtotal(), o.discount(), o.total(), o.voucherId(), o.gateway(),
                o.providerReference(), o.checkoutUrl(), o.holdReason(), o.createdAt(), o.paidAt(), o.fulfilledAt(), lines, o.renewalOf());
    }

    private static Order order(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return new Order(rs.getString("id"), rs.getString("customer_id"), OrderStatus.of(rs.getString("status")),
                money(rs, "subtotal_minor", currency), money(rs, "discount_minor", currency), money(rs, "total_minor", currency),
                rs.getString("voucher_id"), rs.getString("gateway"), rs.getString("provider_reference"), rs.getString("checkout_url"),
                rs.getString("hold_reason"), rs.getLong("created_at"), nullableLong(rs, "paid_at"), nullableLong(rs, "fulfilled_at"), List.of(),
                rs.getString("renewal_of"));
    }

    private static Money money(ResultSet rs, String column, String currency) throws SQLException {
        return new Money(rs.getLong(column), currency);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
