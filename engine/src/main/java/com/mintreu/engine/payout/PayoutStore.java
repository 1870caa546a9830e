package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.AccountEntry;
import com.mintreu.engine.web.PageRequest;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL of payouts. Every method takes the caller's handle, so a payout and its postings commit together. */
@Singleton
final class PayoutStore {

    private static final String COLUMNS = "id, run_id, seller_id, currency, amount_minor, method, status, reference, detail, created_at, updated_at, account";
    private static final RowMapper<Payout> MAPPER = (rs, ctx) -> new Payout(rs.getString("id"), rs.getString("run_id"), rs.getString("seller_id"),
            Money.of(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("method"), PayoutStatus.of(rs.getString("status")),
            rs.getString("reference"), rs.getString("detail"), rs.getLong("created_at"), rs.getLong("updated_at"), rs.getString("account"));

    /** A ledger entry not yet covered by a payout. */
    record OpenEntry(String id, long amountMinor) {}

    /** A payee's account and a currency with entries not yet covered by a payout. */
    record Candidate(String account, String currency) {}

    private final Jdbi jdbi;

    @Inject
    PayoutStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insertRun(Handle h, String id, String triggeredBy, long now) {
        h.createUpdate("INSERT INTO payout_runs (id, triggered_by, created_at) VALUES (:id, :by, :now)")
                .bind("id", id).bind("by", triggeredBy).bind("now", now).execute();
    }

    /** Accounts of the given kinds ({@code seller}, {@code affiliate}) and currencies with available entries no payout covered yet. */
    List<Candidate> candidates(Handle h, List<String> kinds, long now) {
        StringBuilder of = new StringBuilder();
        for (int i = 0; i < kinds.size(); i++) {
            of.append(i == 0 ? "" : " OR ").append("e.account LIKE :k").append(i);
        }
        var q = h.createQuery("""
                SELECT DISTINCT e.account, e.currency FROM ledger_entries e
                LEFT JOIN payout_entries pe ON pe.entry_id = e.id
                WHERE (%s) AND e.available_at <= :now AND pe.entry_id IS NULL
                ORDER BY e.account, e.currency""".formatted(of))
                .bind("now", now);
        for (int i = 0; i < kinds.size(); i++) {
            q.bind("k" + i, kinds.get(i) + ":%");
        }
        return q.map((rs, ctx) -> new Candidate(rs.getString("account"), rs.getString("currency"))).list();
    }

    /** The payee's (user's) last payout number in this currency, over all their accounts (0 before the first). Read before the entries. */
    int lastSeq(Handle h, String sellerId, String currency) {
        return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM payouts WHERE seller_id = :s AND currency = :c")
                .bind("s", sellerId).bind("c", currency).mapTo(Integer.class).one();
    }

    List<OpenEntry> openEntries(Handle h, String account, String currency, long now) {
        return h.createQuery("""
                SELECT e.id, e.amount_minor FROM ledger_entries e
                LEFT JOIN payout_entries pe ON pe.entry_id = e.id
                WHERE e.account = :a AND e.currency = :c AND e.available_at <= :now AND pe.entry_id IS NULL""")
                .bind("a", account).bind("c", currency).bind("now", now)
                .map((rs, ctx) -> new OpenEntry(rs.getString("id"), rs.getLong("amount_minor"))).list();
    }

    void insert(Handle h, Payout p, int seq) {
        h.createUpdate("INSERT INTO payouts (" + COLUMNS + ", seq) VALUES (:id, :run, :seller, :currency, :amount, :method, :status, :ref, :detail, :now, :now, :account, :seq)")
                .bind("id", p.id()).bind("account", p.account()).bind("run", p.runId()).bind("seller", p.sellerId()).bind("currency", p.amount().currency())
                .bind("amount", p.amount().minor()).bind("method", p.method()).bind("status", p.status().id())
                .bind("ref", p.reference()).bind("detail", p.detail()).bind("now", p.createdAt()).bind("seq", seq).execute();
    }

    /** Links the entries a payout covered, and its own debit (so the open entries always sum to the available balance). */
    void cover(Handle h, String payoutId, List<String> entryIds) {
        var batch = h.prepareBatch("INSERT INTO payout_entries (entry_id, payout_id) VALUES (:e, :p)");
        entryIds.forEach(id -> batch.bind("e", id).bind("p", payoutId).add());
        batch.execute();
    }

    String entryOf(Handle h, String postingKey, String account) {
        return h.createQuery("SELECT e.id FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id WHERE p.posting_key = :k AND e.account = :a")
                .bind("k", postingKey).bind("a", account).mapTo(String.class).one();
    }

    /** Moves a pending payout to {@code next}; false when it was no longer pending (another call moved it first). */
    boolean move(Handle h, String id, PayoutStatus next, String reference, String detail, long now) {
        return h.createUpdate("""
                UPDATE payouts SET status = :next, reference = COALESCE(:ref, reference), detail = COALESCE(:detail, detail), updated_at = :now
                WHERE id = :id AND status = 'pending'""")
                .bind("next", next.id()).bind("ref", reference).bind("detail", detail).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Moves a paid payout to reversed; false when it was not paid (not yet, or reversed before). */
    boolean reverse(Handle h, String id, String detail, long now) {
        return h.createUpdate("UPDATE payouts SET status = 'reversed', detail = :detail, updated_at = :now WHERE id = :id AND status = 'paid'")
                .bind("detail", detail).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Pending payouts of {@code method} whose sending threw (their detail says "not sent: ..."), oldest first: sent again with the same key. */
    List<Payout> unsent(String method) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM payouts WHERE method = :m AND status = 'pending' "
                        + "AND reference IS NULL AND detail LIKE 'not sent:%' ORDER BY created_at, id")
                .bind("m", method).map(MAPPER).list());
    }

    void setReference(Handle h, String id, String reference) {
        h.createUpdate("UPDATE payouts SET reference = :ref WHERE id = :id").bind("ref", reference).bind("id", id).execute();
    }

    void note(Handle h, String id, String detail) {
        h.createUpdate("UPDATE payouts SET detail = :d WHERE id = :id").bind("d", detail.length() > 500 ? detail.substring(0, 500) : detail).bind("id", id).execute();
    }

    Optional<Payout> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM payouts WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** The payouts of one ledger account (an affiliate's), newest first, one page (keyset on created_at, id). */
    List<Payout> ofAccount(String account, PageRequest req) {
        return jdbi.withHandle(h -> req.bind(h.createQuery("SELECT " + COLUMNS + " FROM payouts WHERE account = :a AND "
                        + req.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("a", account)).map(MAPPER).list());
    }

    /** Per currency, the sum of the account's payouts marked paid (money that left the marketplace). */
    java.util.Map<String, Long> paidTotals(String account) {
        return jdbi.withHandle(h -> {
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            h.createQuery("SELECT currency, SUM(amount_minor) AS total FROM payouts WHERE account = :a AND status = 'paid' GROUP BY currency")
                    .bind("a", account).map((rs, ctx) -> java.util.Map.entry(rs.getString("currency"), rs.getLong("total")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    /** Every payout, newest first, one page; only those of one status when given. */
    List<Payout> all(PayoutStatus status, PageRequest req) {
        return jdbi.withHandle(h -> req.bind(h.createQuery("SELECT " + COLUMNS + " FROM payouts WHERE (:status IS NULL OR status = :status) AND "
                        + req.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("status", status == null ? null : status.id())).map(MAPPER).list());
    }

    List<Payout> ofRun(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM payouts WHERE run_id = :r ORDER BY seller_id, currency")
                .bind("r", runId).map(MAPPER).list());
    }

    /** The ledger entries a payout covered, newest first, without its own debit. */
    List<AccountEntry> covered(String payoutId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT e.id, e.amount_minor, e.currency, e.order_line_id, e.available_at, e.created_at, p.kind, p.order_id, p.memo
                FROM payout_entries pe JOIN ledger_entries e ON e.id = pe.entry_id JOIN ledger_postings p ON p.id = e.posting_id
                WHERE pe.payout_id = :p AND p.posting_key <> :own ORDER BY e.id DESC""")
                .bind("p", payoutId).bind("own", "payout:" + payoutId)
                .map((rs, ctx) -> new AccountEntry(rs.getString("id"), rs.getString("kind"), rs.getString("order_id"),
                        rs.getString("order_line_id"), Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getLong("available_at"), rs.getLong("created_at"), rs.getString("memo")))
                .list());
    }
}
