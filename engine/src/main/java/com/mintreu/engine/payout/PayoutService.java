package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import com.mintreu.api.payout.PayoutRequest;
import com.mintreu.api.payout.PayoutResult;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.ledger.AccountEntry;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import com.mintreu.engine.web.PageRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays sellers, and the payees other features declare ({@link Payees}: affiliates). A run turns each
 * payee account's available balance per currency (the ledger entries whose
 * available date has passed and that no payout covered yet) into one payout when it reaches
 * {@code payouts.minimumMinor}: in one transaction it inserts the payout, books
 * {@code seller:<id> (or affiliate:<id>) → payouts:pending} and marks the entries covered. Then the payout method
 * sends it; "paid" books {@code payouts:pending → payouts:paid}, "failed" reverses the payout's
 * posting so the amount is the seller's again. A negative balance (a refund after a payout) is
 * simply an open entry: it waits, and the next payout nets it out.
 */
@Singleton
public final class PayoutService {

    public static final String PENDING_ACCOUNT = "payouts:pending";
    public static final String PAID_ACCOUNT = "payouts:paid";
    private static final Logger LOG = LoggerFactory.getLogger(PayoutService.class);

    /** What a run did. */
    public record Run(String id, List<Payout> payouts) {}

    private final PayoutStore store;
    private final PayeeStore payeeStore;
    private final Ledger ledger;
    private final Tx tx;
    private final PayoutMethods method;
    private final PayoutsConfig config;
    private final AuditLog audit;
    private final Clock clock;
    private final PayeeAccounts accounts;

    @Inject
    PayoutService(PayoutStore store, PayeeStore payeeStore, Ledger ledger, Tx tx, PayoutMethods method, PayoutsConfig config, AuditLog audit,
            Clock clock, PayeeAccounts accounts) {
        this.accounts = accounts;
        this.store = store;
        this.payeeStore = payeeStore;
        this.ledger = ledger;
        this.tx = tx;
        this.method = method;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs a payout run now; {@code actor} is who asked (the scheduler is {@link AuditLog.Actor#SYSTEM}). */
    public Run run(AuditLog.Actor actor) {
        long now = clock.millis();
        String runId = Ids.next("pru");
        String by = actor.id() == null ? "schedule" : "admin:" + actor.id();
        List<PayoutStore.Candidate> candidates = tx.inTransaction(h -> {
            store.insertRun(h, runId, by, now);
            audit.record(h, actor, "payout.run", "payout_run", runId, Map.of());
            return store.candidates(h, accounts.kinds(), now);
        });
        resendUnsent();
        // a method with onboarding pays only payees it can pay; the others keep their balance (README: "Onboarding")
        Set<String> payable = method.onboards() ? tx.inTransaction(h -> payeeStore.enabled(h, method.id())) : null;
        List<Payout> booked = new ArrayList<>();
        for (PayoutStore.Candidate c : candidates) {
            if (payable != null && !payable.contains(accounts.userOf(c.account()).orElse(null))) {
                LOG.info("payout run {}: {} in {} is not paid: not set up with {}", runId, c.account(), c.currency(), method.id());
                continue;
            }
            book(runId, c, now).ifPresent(booked::add);
        }
        List<Payout> sent = new ArrayList<>();
        for (Payout p : booked) {
            sent.add(send(p));
        }
        LOG.info("payout run {} booked {} payout(s)", runId, sent.size());
        return new Run(runId, sent);
    }

    /** Books one payee's payout in one currency, or nothing when below the minimum or another run paid it. */
    private Optional<Payout> book(String runId, PayoutStore.Candidate c, long now) {
        Optional<String> payee = accounts.userOf(c.account());
        if (payee.isEmpty()) {
            LOG.warn("no payee for account {}; its balance stays until one exists", c.account());
            return Optional.empty();
        }
        String sellerId = payee.get();
        try {
            return tx.inTransaction(h -> {
                int seq = store.lastSeq(h, sellerId, c.currency()); // before the entries: see V65
                List<PayoutStore.OpenEntry> open = store.openEntries(h, c.account(), c.currency(), now);
                long sum = open.stream().mapToLong(PayoutStore.OpenEntry::amountMinor).reduce(0, Math::addExact);
                if (sum < config.minimumMinor()) {
                    return Optional.<Payout>empty();
                }
                Money amount = Money.of(sum, c.currency());
                Payout p = new Payout(Ids.next("pay"), runId, sellerId, amount, method.id(), PayoutStatus.PENDING, null, null, now, now, c.account());
                store.insert(h, p, seq + 1);
                ledger.post(new Posting(p.postingKey(), "payout", null, "payout " + p.id(), List.of(
                        new LedgerEntry(c.account(), amount.times(-1), null, now),
                        new LedgerEntry(PENDING_ACCOUNT, amount, null, now))));
                List<String> covered = new ArrayList<>(open.stream().map(PayoutStore.OpenEntry::id).toList());
                covered.add(store.entryOf(h, p.postingKey(), c.account()));
                store.cover(h, p.id(), covered);
                return Optional.of(p);
            });
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                LOG.info("payout of {} in {} was booked by a run at the same time", c.account(), c.currency());
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Payouts whose sending threw before (timeout, provider down) go again with the same idempotency key. */
    private void resendUnsent() {
        if (method.manual()) {
            return;
        }
        for (Payout p : store.unsent(method.id())) {
            LOG.info("payout {} was not sent before; sending it again with the same key", p.id());
            send(p);
        }
    }

    /** Hands a booked payout to the method and applies its answer; a method that throws leaves it pending. */
    private Payout send(Payout p) {
        PayoutResult r;
        try {
            r = method.pay(new PayoutRequest(p.id(), p.sellerId(), p.amount(), p.postingKey()));
        } catch (RuntimeException e) {
            LOG.warn("payout method {} failed on payout {}; it stays pending", method.id(), p.id(), e);
            tx.useTransaction(h -> store.note(h, p.id(), "not sent: " + e.getMessage()));
            return store.find(p.id()).orElseThrow();
        }
        try {
            return switch (r.status()) {
                case PAID -> markPaid(p.id(), r.reference(), AuditLog.Actor.SYSTEM);
                case FAILED -> fail(p.id(), r.detail(), AuditLog.Actor.SYSTEM);
                case PENDING -> {
                    if (r.reference() != null) {
                        tx.useTransaction(h -> store.setReference(h, p.id(), r.reference()));
                    }
                    yield store.find(p.id()).orElseThrow();
                }
            };
        } catch (IllegalStateException e) {
            // another run sent it again at the same time and applied the same answer first
            LOG.info("payout {} was settled by another call meanwhile: {}", p.id(), e.getMessage());
            return store.find(p.id()).orElseThrow();
        }
    }

    /**
     * Records that a pending payout's money left (a bank reference for a manual transfer) and books
     * {@code payouts:pending → payouts:paid}. Throws {@link IllegalStateException} when it is not pending.
     */
    public Payout markPaid(String payoutId, String reference, AuditLog.Actor actor) {
        return finish(payoutId, PayoutStatus.PAID, reference, null, actor);
    }

    /** Records that a pending payout will not be sent: its posting is reversed, the amount is the seller's again. */
    public Payout fail(String payoutId, String detail, AuditLog.Actor actor) {
        return finish(payoutId, PayoutStatus.FAILED, null, detail, actor);
    }

    private Payout finish(String payoutId, PayoutStatus next, String reference, String detail, AuditLog.Actor actor) {
        Payout p = store.find(payoutId).orElseThrow(() -> new IllegalArgumentException("no payout " + payoutId));
        tx.useTransaction(h -> {
            if (!p.status().canMoveTo(next) || !store.move(h, payoutId, next, reference, detail, clock.millis())) {
                throw new IllegalStateException("payout " + payoutId + " is already " + store.find(payoutId).map(x -> x.status().id()).orElse("?"));
            }
            if (next == PayoutStatus.PAID) {
                ledger.post(new Posting("payout-paid:" + payoutId, "payout-paid", null, "payout " + payoutId + " paid", List.of(
                        new LedgerEntry(PENDING_ACCOUNT, p.amount().times(-1), null, clock.millis()),
                        new LedgerEntry(PAID_ACCOUNT, p.amount(), null, clock.millis()))));
            } else {
                ledger.reverse(p.postingKey(), "payout " + payoutId + " failed");
            }
            audit.record(h, actor, "payout." + next.id(), "payout", payoutId, reference == null ? Map.of() : Map.of("reference", reference));
        });
        return store.find(payoutId).orElseThrow();
    }

    public Optional<Payout> find(String id) {
        return store.find(id);
    }

    /** A seller's payouts (of their {@code seller:} account only), newest first. */
    public List<Payout> ofSeller(String sellerId, PageRequest req) {
        return store.ofAccount(account(sellerId), req);
    }

    /** The payouts of one ledger account, e.g. {@code affiliate:<id>}, newest first. */
    public List<Payout> ofAccount(String account, PageRequest req) {
        return store.ofAccount(account, req);
    }

    /** Per currency, what the account's payouts marked paid sent out, as money. */
    public Map<String, Money> paid(String account) {
        Map<String, Money> out = new TreeMap<>();
        store.paidTotals(account).forEach((currency, minor) -> out.put(currency, Money.of(minor, currency)));
        return out;
    }

    public List<Payout> all(PayoutStatus status, PageRequest req) {
        return store.all(status, req);
    }

    public List<Payout> ofRun(String runId) {
        return store.ofRun(runId);
    }

    /** The ledger entries a payout paid (sales, refunds netted out, an earlier failed payout given back). */
    public List<AccountEntry> entriesOf(Payout p) {
        return store.covered(p.id());
    }

    /** The seller's account name, for pages showing the balance. */
    static String account(String sellerId) {
        return Accounts.seller(sellerId);
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String message = String.valueOf(sql.getMessage());
                if ("23505".equals(sql.getSQLState()) || message.contains("UNIQUE constraint failed") || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                        || message.contains("SQLITE_CONSTRAINT_UNIQUE")) {
                    return true;
                }
            }
        }
        return false;
    }
}
