package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Paid payouts whose money a provider sent back (a reversed Stripe transfer), booked back to the payee. */
@Singleton
final class PayoutReversals {

    private final PayoutStore store;
    private final Ledger ledger;
    private final Tx tx;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    PayoutReversals(PayoutStore store, Ledger ledger, Tx tx, AuditLog audit, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A paid payout's money came back from the payee (the provider reversed the transfer): the
     * payout becomes {@code reversed} and {@code payout-reversed:<id>} books the amount back from
     * {@code payouts:paid} to the payee's account, where it is open again for the next run. Only
     * the first reversal of a payout is booked. Joins the caller's transaction.
     *
     * @return what happened: {@code REVERSED}, {@code UNKNOWN_PAYOUT}, {@code NOT_PAID} (pending, failed or reversed before)
     */
    String reverse(String payoutId, Money reversedTotal, String reference) {
        Optional<Payout> found = store.find(payoutId);
        if (found.isEmpty() || !found.get().amount().currency().equals(reversedTotal.currency())) {
            return "UNKNOWN_PAYOUT";
        }
        Payout p = found.get();
        Money back = reversedTotal.compareTo(p.amount()) > 0 ? p.amount() : reversedTotal;
        String payeeAccount = ledger.posting(p.postingKey()).orElseThrow().entries().stream()
                .filter(e -> e.amount().isNegative()).findFirst().orElseThrow().account();
        return tx.inTransaction(h -> {
            long now = clock.millis();
            String detail = "reversed by the provider" + (reference == null ? "" : " (" + reference + ")") + ": " + back + " back in the balance";
            if (!store.reverse(h, payoutId, detail, now)) {
                return "NOT_PAID";
            }
            ledger.post(new Posting("payout-reversed:" + payoutId, "payout-reversed", null, "payout " + payoutId + " reversed", List.of(
                    new LedgerEntry(PayoutService.PAID_ACCOUNT, back.times(-1), null, now),
                    new LedgerEntry(payeeAccount, back, null, now))));
            audit.record(h, AuditLog.Actor.SYSTEM, "payout.reversed", "payout", payoutId, Map.of("amount", back.toString()));
            return "REVERSED";
        });
    }

}
