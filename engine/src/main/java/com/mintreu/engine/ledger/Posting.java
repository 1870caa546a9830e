package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A balanced set of ledger entries booked together: for every currency the amounts sum to zero,
 * so money only ever moves between accounts. The key names what caused the posting (e.g.
 * {@code sale:<order line id>}); the ledger books each key once.
 *
 * @param kind    sale, reversal, ... (what the entries mean, for people reading the ledger)
 * @param orderId the order the posting belongs to, or null
 */
public record Posting(String key, String kind, String orderId, String memo, List<LedgerEntry> entries) {

    public Posting {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("a posting needs a key of 1 to 200 characters");
        }
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("posting " + key + " has no entries");
        }
        Map<String, Long> sums = sums(entries);
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("posting " + key + " does not balance: " + currency + " entries sum to " + sum);
            }
        });
    }

    /** The posting that undoes this one: the same entries negated, under the key {@code reversal:<key>}. */
    public Posting reversal(String why) {
        return new Posting("reversal:" + key, "reversal", orderId, why, entries.stream().map(LedgerEntry::negated).toList());
    }

    static Map<String, Long> sums(List<LedgerEntry> entries) {
        Map<String, Long> sums = new TreeMap<>();
        for (LedgerEntry e : entries) {
            sums.merge(e.amount().currency(), e.amount().minor(), Math::addExact);
        }
        return sums;
    }

    /** The amount an account receives in this posting (zero when it takes no part). */
    Money amountFor(String account, String currency) {
        long sum = 0;
        for (LedgerEntry e : entries) {
            if (e.account().equals(account) && e.amount().currency().equals(currency)) {
                sum = Math.addExact(sum, e.amount().minor());
            }
        }
        return Money.of(sum, currency);
    }
}
