package com.mintreu.engine.ledger;

import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import com.mintreu.engine.config.LedgerConfig;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The append-only money ledger: books postings (balanced sets of entries) once per key and derives
 * balances from them. A paid order line books the sale: the customer's payment divides into the
 * platform fee and the seller's share, both frozen on the line at checkout (see {@link FeeSplit}
 * for the rounding rule). The seller's share is pending for {@code ledger.sellerHold}, then
 * available. A refund or lost dispute books the sale's {@linkplain #reverse reversal}.
 */
@Singleton
public final class Ledger {

    private final LedgerStore store;
    private final LedgerConfig config;
    private final Clock clock;

    @Inject
    Ledger(LedgerStore store, LedgerConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** Books {@code posting}; false when its key was booked before (a redelivered event books nothing). */
    public boolean post(Posting posting) {
        return store.insert(posting, null, clock.millis());
    }

    /**
     * Books each line of a paid order as a sale posting {@code sale:<line id>}; lines booked before
     * are skipped, so calling this again for the same order changes nothing. Returns how many lines
     * were booked by this call.
     */
    public int bookSale(Order order) {
        if (order.paidAt() == null) {
            throw new IllegalArgumentException("order " + order.id() + " is not paid");
        }
        int booked = 0;
        for (Posting p : salePostings(order, config.sellerHold().toMillis())) {
            if (post(p)) {
                booked++;
            }
        }
        return booked;
    }

    /**
     * Books the reversal of the posting under {@code key}: the same entries negated, so every
     * account returns to where it was before it. False when there is no such posting or it was
     * reversed before.
     */
    public boolean reverse(String key, String why) {
        Optional<LedgerStore.Booked> booked = store.find(key);
        if (booked.isEmpty()) {
            return false;
        }
        return store.insert(booked.get().posting().reversal(why), booked.get().id(), clock.millis());
    }

    /** Reverses the sale postings of the given lines of an order (a refund); returns how many were reversed now. */
    public int reverseSale(Order order, List<String> lineIds, String why) {
        int reversed = 0;
        for (OrderLine l : order.lines()) {
            if (lineIds.contains(l.id()) && reverse(saleKey(l), why)) {
                reversed++;
            }
        }
        return reversed;
    }

    /**
     * Books the refunded part of order lines under {@code refund:<refund id>:<line id>}: the
     * customer gets the amount back, and the platform fee and the seller's share give back their
     * parts of it in proportion to how the line divided (largest remainder, so a whole line
     * refunded is exactly the sale reversed). The seller's part is available when the sale's share
     * was: a refund inside the hold comes out of pending, a later one out of available. Lines
     * booked before are skipped; returns how many were booked by this call.
     */
    public int bookRefund(Order order, String refundId, List<RefundLine> refunded) {
        int booked = 0;
        for (RefundLine r : refunded) {
            OrderLine line = order.lines().stream().filter(l -> l.id().equals(r.lineId())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("order " + order.id() + " has no line " + r.lineId()));
            if (r.amount().isZero()) {
                continue;
            }
            if (r.amount().isNegative() || r.amount().compareTo(line.total()) > 0) {
                throw new IllegalArgumentException("refund of " + r.amount() + " for line " + line.id() + " is outside 0.." + line.total());
            }
            long shareAvailableAt = store.find(saleKey(line)).flatMap(b -> b.posting().entries().stream()
                    .filter(e -> e.account().equals(Accounts.seller(line.sellerId()))).findFirst())
                    .map(LedgerEntry::availableAt).orElse(clock.millis());
            List<Money> parts = line.platformFee().isZero() && line.sellerShare().isZero()
                    ? List.of(Money.zero(r.amount().currency()), r.amount())
                    : FeeSplit.allocate(r.amount(), List.of(line.platformFee().minor(), line.sellerShare().minor()));
            long now = clock.millis();
            List<LedgerEntry> entries = new ArrayList<>();
            entries.add(new LedgerEntry(Accounts.CUSTOMER, r.amount(), line.id(), now));
            if (!parts.get(0).isZero()) {
                entries.add(new LedgerEntry(Accounts.PLATFORM_FEES, parts.get(0).times(-1), line.id(), now));
            }
            if (!parts.get(1).isZero()) {
                entries.add(new LedgerEntry(Accounts.seller(line.sellerId()), parts.get(1).times(-1), line.id(), shareAvailableAt));
            }
            if (post(new Posting("refund:" + refundId + ":" + line.id(), "refund", order.id(), "refund " + refundId + " of " + line.title(), entries))) {
                booked++;
            }
        }
        return booked;
    }

    /** The account's balance per currency, split into pending and available at the current time. */
    public Map<String, Balance> balances(String account) {
        return store.balances(account, clock.millis());
    }

    /** The account's entries, newest first; {@code afterId} is the last id of the previous page, or null. */
    public List<AccountEntry> entries(String account, String afterId, int limit) {
        return store.entries(account, afterId, Math.max(1, Math.min(limit, 500)));
    }

    /** The posting booked under {@code key}, if any. */
    public Optional<Posting> posting(String key) {
        return store.find(key).map(LedgerStore.Booked::posting);
    }

    /** The sum of all entries per currency; every value is zero while the ledger is sound. */
    public Map<String, Long> totals() {
        return store.totals();
    }

    static String saleKey(OrderLine line) {
        return "sale:" + line.id();
    }

    /** The sale postings of a paid order; lines that cost nothing move no money and book nothing. */
    static List<Posting> salePostings(Order order, long holdMillis) {
        long paidAt = order.paidAt();
        List<Posting> out = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            if (l.total().isZero()) {
                continue;
            }
            List<LedgerEntry> entries = new ArrayList<>();
            entries.add(new LedgerEntry(Accounts.CUSTOMER, l.total().times(-1), l.id(), paidAt));
            if (!l.platformFee().isZero()) {
                entries.add(new LedgerEntry(Accounts.PLATFORM_FEES, l.platformFee(), l.id(), paidAt));
            }
            if (!l.sellerShare().isZero()) {
                entries.add(new LedgerEntry(Accounts.seller(l.sellerId()), l.sellerShare(), l.id(), Math.addExact(paidAt, holdMillis)));
            }
            out.add(new Posting(saleKey(l), "sale", order.id(), "sale of " + l.title() + " (" + l.planName() + ")", entries));
        }
        return out;
    }
}
