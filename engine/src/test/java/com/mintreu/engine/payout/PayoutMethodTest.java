package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;

/** A configured plugin method that is not running: the payout is booked and stays pending, saying why; nothing is lost. */
@WithConfig("payouts: {method: payout-absent}\n")
class PayoutMethodTest {

    @EngineTest
    void aMethodThatIsNotRunningLeavesThePayoutPendingWithTheReason(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        PayoutRunTest.sale(ledger, "absent-1", "usr_absent", 3100, "EUR", e.clock().millis());

        Payout p = PayoutRunTest.mine(payouts.run(AuditLog.Actor.SYSTEM), "usr_absent").getFirst();

        assertThat(p.method()).isEqualTo("payout-absent");
        assertThat(p.status()).isEqualTo(PayoutStatus.PENDING);
        assertThat(p.detail()).isEqualTo("not sent: payout method payout-absent is not running");
        assertThat(ledger.balances(Accounts.seller("usr_absent")).get("EUR").available().minor()).isZero();
        assertThat(payouts.markPaid(p.id(), "BANK-9", AuditLog.Actor.SYSTEM).status()).isEqualTo(PayoutStatus.PAID);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }
}
