package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import com.mintreu.engine.db.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of the ledger. Insert and select only: nothing here updates or deletes a booked row. */
@Singleton
final class LedgerStore {

    private final Jdbi jdbi;

    @Inject
    LedgerStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Books {@code p} unless its key was booked before; true when this call booked it. */
    boolean insert(Posting p, String reverses, long now) {
        return jdbi.inTransaction(h -> {
            String id = Ids.next("lpo");
            int inserted = h.createUpdate("""
                    INSERT INTO ledger_postings (id, posting_key, kind, order_id, reverses, memo, created_at)
                    VALUES (:id, :key, :kind, :order, :reverses, :memo, :now)
                    ON CONFLICT (posting_key) DO NOTHING""")
                    .bind("id", id).bind("key", p.key()).bind("kind", p.kind()).bind("order", p.orderId())
                    .bind("reverses", reverses).bind("memo", p.memo()).bind("now", now).execute();
            if (inserted == 0) {
                return false;
            }
            for (LedgerEntry e : p.entries()) {
                h.createUpdate("""
                        INSERT INTO ledger_entries (id, posting_id, account, amount_minor, currency, order_line_id, available_at, created_at)
                        VALUES (:id, :posting, :account, :amount, :currency, :line, :available, :now)""")
                        .bind("id", Ids.next("len")).bind("posting", id).bind("account", e.account())
                        .bind("amount", e.amount().minor()).bind("currency", e.amount().currency()).bind("line", e.orderLineId())
                        .bind("available", e.availableAt()).bind("now", now).execute();
            }
            return true;
        });
    }

    /** The posting booked under {@code key}, with its id. */
    Optional<Booked> find(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, posting_key, kind, order_id, memo, created_at FROM ledger_postings WHERE posting_key = :k")
                .bind("k", key)
                .map((rs, ctx) -> new Booked(rs.getString("id"), rs.getLong("created_at"),
                        new Posting(rs.getString("posting_key"), rs.getString("kind"), rs.getString("order_id"), rs.getString("memo"),
                                entries(h, rs.getString("id")))))
                .findOne());
    }

    /** Per currency, the account's entries split at {@code now} into pending and available. */
    Map<String, Balance> balances(String account, long now) {
        return jdbi.withHandle(h -> {
            Map<String, Balance> out = new LinkedHashMap<>();
            h.createQuery("""
                    SELECT currency,
                           SUM(CASE WHEN available_at > :now THEN amount_minor ELSE 0 END) AS pending,
                           SUM(CASE WHEN available_at <= :now THEN amount_minor ELSE 0 END) AS available
                    FROM ledger_entries WHERE account = :account GROUP BY currency ORDER BY currency""")
                    .bind("account", account).bind("now", now)
                    .map((rs, ctx) -> {
                        String c = rs.getString("currency");
                        return Map.entry(c, new Balance(Money.of(rs.getLong("pending"), c), Money.of(rs.getLong("available"), c)));
                    })
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    /** The account's entries, newest first, after the cursor (an entry id) when given. */
    List<AccountEntry> entries(String account, String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT e.id, e.amount_minor, e.currency, e.order_line_id, e.available_at, e.created_at, p.kind, p.order_id, p.memo
                FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
                WHERE e.account = :account AND (:after IS NULL OR e.id < :after)
                ORDER BY e.id DESC LIMIT :limit""")
                .bind("account", account).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> new AccountEntry(rs.getString("id"), rs.getString("kind"), rs.getString("order_id"),
                        rs.getString("order_line_id"), Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getLong("available_at"), rs.getLong("created_at"), rs.getString("memo")))
                .list());
    }

    /** Sum per currency of every entry ever booked: all zeros while the ledger is sound. */
    Map<String, Long> totals() {
        return jdbi.withHandle(h -> {
            Map<String, Long> out = new LinkedHashMap<>();
            h.createQuery("SELECT currency, SUM(amount_minor) AS total FROM ledger_entries GROUP BY currency ORDER BY currency")
                    .map((rs, ctx) -> Map.entry(rs.getString("currency"), rs.getLong("total")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private static List<LedgerEntry> entries(Handle h, String postingId) {
        return new ArrayList<>(h.createQuery("""
                SELECT account, amount_minor, currency, order_line_id, available_at FROM ledger_entries WHERE posting_id = :p ORDER BY id""")
                .bind("p", postingId)
                .map((rs, ctx) -> new LedgerEntry(rs.getString("account"), Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getString("order_line_id"), rs.getLong("available_at")))
                .list());
    }

    /** A posting as booked: its row id and time. */
    record Booked(String id, long createdAt, Posting posting) {}
}
