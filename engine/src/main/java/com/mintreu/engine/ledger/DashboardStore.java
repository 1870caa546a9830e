package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** SQL of the seller dashboard: reads the ledger entries booked on a seller's order lines, and the seller's own account. */
@Singleton
final class DashboardStore {

    private final Jdbi jdbi;

    @Inject
    DashboardStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One ledger entry booked on an order line of the seller, with the line and the customer it is
     * about. {@code kind} is the posting's (sale, refund, reversal, ...); the account tells whose
     * part it is (customer, platform fees, the seller, later affiliates).
     */
    record Movement(String postingId, String kind, long at, String account, Money amount, String lineId, String productId, String title,
            int quantity, String orderId, String customerId, String customerEmail) {}

    /** Every entry booked in [{@code from}, {@code to}) on the seller's order lines, oldest posting first. */
    List<Movement> movements(String sellerId, long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT p.id AS posting_id, p.kind, p.created_at, e.account, e.amount_minor, e.currency, l.id AS line_id, l.product_id,
                       l.title, l.quantity, o.id AS order_id, o.customer_id, u.email
                FROM ledger_entries e
                JOIN ledger_postings p ON p.id = e.posting_id
                JOIN order_lines l ON l.id = e.order_line_id
                JOIN orders o ON o.id = l.order_id
                JOIN users u ON u.id = o.customer_id
                WHERE l.seller_id = :seller AND p.created_at >= :from AND p.created_at < :to
                ORDER BY p.created_at, p.id, e.id""")
                .bind("seller", sellerId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Movement(rs.getString("posting_id"), rs.getString("kind"), rs.getLong("created_at"), rs.getString("account"),
                        Money.of(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("line_id"), rs.getString("product_id"),
                        rs.getString("title"), rs.getInt("quantity"), rs.getString("order_id"), rs.getString("customer_id"), rs.getString("email")))
                .list());
    }

    /** The account's entries booked in [{@code from}, {@code to}), oldest first. */
    List<AccountEntry> entries(String account, long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT e.id, e.amount_minor, e.currency, e.order_line_id, e.available_at, e.created_at, p.kind, p.order_id, p.memo
                FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
                WHERE e.account = :account AND e.created_at >= :from AND e.created_at < :to
                ORDER BY e.created_at, e.id""")
                .bind("account", account).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new AccountEntry(rs.getString("id"), rs.getString("kind"), rs.getString("order_id"),
                        rs.getString("order_line_id"), Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getLong("available_at"), rs.getLong("created_at"), rs.getString("memo")))
                .list());
    }
}
