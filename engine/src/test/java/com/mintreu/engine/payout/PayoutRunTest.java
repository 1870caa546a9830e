package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.ledger.AccountEntry;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Balance;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The payout run over the ledger: amounts, minimum, currencies, refunds after payout, failures, paid, and runs racing. */
class PayoutRunTest {

    private static final AuditLog.Actor ADMIN = new AuditLog.Actor("usr_admin", "admin");

    @EngineTest
    void theAvailableBalanceAboveTheMinimumBecomesOnePayoutPerCurrency(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        long now = e.clock().millis();
        sale(ledger, "a1", "usr_a", 1000, "EUR", now - 1);
        sale(ledger, "a2", "usr_a", 799, "EUR", now);
        sale(ledger, "a3", "usr_a", 1500, "EUR", now + Duration.ofDays(3).toMillis()); // still in the refund window
        sale(ledger, "a4", "usr_a", 999, "USD", now);                                  // below the 10.00 minimum
        sale(ledger, "b1", "usr_b", 5000, "JPY", now);

        long pendingBefore = total(ledger, PayoutService.PENDING_ACCOUNT, "EUR");
        PayoutService.Run run = payouts.run(ADMIN);

        assertThat(run.payouts()).extracting(p -> p.sellerId() + " " + p.amount())
                .containsExactlyInAnyOrder("usr_a 1799 EUR", "usr_b 5000 JPY");
        assertThat(run.payouts()).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PayoutStatus.PENDING);
            assertThat(p.method()).isEqualTo("payout-manual");
        });
        assertThat(ledger.balances(Accounts.seller("usr_a")).get("EUR")).isEqualTo(new Balance(Money.of(1500, "EUR"), Money.of(0, "EUR")));
        assertThat(ledger.balances(Accounts.seller("usr_a")).get("USD").available()).isEqualTo(Money.of(999, "USD"));
        assertThat(total(ledger, PayoutService.PENDING_ACCOUNT, "EUR") - pendingBefore).isEqualTo(1799);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
        Payout eur = run.payouts().stream().filter(p -> p.amount().currency().equals("EUR")).findFirst().orElseThrow();
        assertThat(payouts.entriesOf(eur)).extracting(AccountEntry::amount).containsExactlyInAnyOrder(Money.of(1000, "EUR"), Money.of(799, "EUR"));

        assertThat(payouts.run(ADMIN).payouts()).as("nothing new is available").isEmpty();

        e.clock().advance(Duration.ofDays(3));
        sale(ledger, "a5", "usr_a", 2, "USD", e.clock().millis());
        List<Payout> second = payouts.run(ADMIN).payouts();
        assertThat(second).extracting(p -> p.amount().toString()).containsExactlyInAnyOrder("1500 EUR", "1001 USD");
    }

    @EngineTest
    void markingPaidMovesTheMoneyFromPendingToPaidOnce(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        sale(ledger, "s1", "usr_p", 4200, "EUR", e.clock().millis());
        Payout p = payouts.run(ADMIN).payouts().stream().filter(x -> x.sellerId().equals("usr_p")).findFirst().orElseThrow();
        long pendingBefore = total(ledger, PayoutService.PENDING_ACCOUNT, "EUR");
        long paidBefore = total(ledger, PayoutService.PAID_ACCOUNT, "EUR");

        Payout paid = payouts.markPaid(p.id(), "SEPA-2026-0001", ADMIN);

        assertThat(paid.status()).isEqualTo(PayoutStatus.PAID);
        assertThat(paid.reference()).isEqualTo("SEPA-2026-0001");
        assertThat(total(ledger, PayoutService.PENDING_ACCOUNT, "EUR")).isEqualTo(pendingBefore - 4200);
        assertThat(total(ledger, PayoutService.PAID_ACCOUNT, "EUR")).isEqualTo(paidBefore + 4200);
        assertThatThrownBy(() -> payouts.markPaid(p.id(), "again", ADMIN)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payouts.fail(p.id(), "too late", ADMIN)).isInstanceOf(IllegalStateException.class);
        assertThat(total(ledger, PayoutService.PAID_ACCOUNT, "EUR")).as("booked once").isEqualTo(paidBefore + 4200);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }

    @EngineTest
    void aRefundAfterPayoutLeavesANegativeBalanceThatTheNextPayoutRecovers(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        long now = e.clock().millis();
        sale(ledger, "r1", "usr_r", 3000, "EUR", now);
        assertThat(mine(payouts.run(ADMIN), "usr_r")).extracting(p -> p.amount()).containsExactly(Money.of(3000, "EUR"));

        refund(ledger, "r1", "usr_r", 3000, "EUR", now);
        assertThat(ledger.balances(Accounts.seller("usr_r")).get("EUR").available()).isEqualTo(Money.of(-3000, "EUR"));
        assertThat(mine(payouts.run(ADMIN), "usr_r")).as("a negative balance pays nothing").isEmpty();

        sale(ledger, "r2", "usr_r", 2500, "EUR", now);
        assertThat(mine(payouts.run(ADMIN), "usr_r")).as("-30.00 + 25.00 is still below zero").isEmpty();
        sale(ledger, "r3", "usr_r", 1700, "EUR", now);
        List<Payout> next = mine(payouts.run(ADMIN), "usr_r");

        assertThat(next).extracting(Payout::amount).containsExactly(Money.of(1200, "EUR"));
        assertThat(payouts.entriesOf(next.getFirst())).extracting(AccountEntry::amount)
                .containsExactlyInAnyOrder(Money.of(-3000, "EUR"), Money.of(2500, "EUR"), Money.of(1700, "EUR"));
        assertThat(ledger.balances(Accounts.seller("usr_r")).get("EUR").available()).isEqualTo(Money.of(0, "EUR"));
    }

    @EngineTest
    void aFailedPayoutGivesTheAmountBackAndTheNextRunPaysItAgain(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        sale(ledger, "f1", "usr_f", 1500, "EUR", e.clock().millis());
        Payout p = payouts.run(ADMIN).payouts().stream().filter(x -> x.sellerId().equals("usr_f")).findFirst().orElseThrow();
        long pendingBefore = total(ledger, PayoutService.PENDING_ACCOUNT, "EUR");

        assertThat(payouts.fail(p.id(), "account closed", ADMIN).status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(ledger.balances(Accounts.seller("usr_f")).get("EUR").available()).isEqualTo(Money.of(1500, "EUR"));
        assertThat(total(ledger, PayoutService.PENDING_ACCOUNT, "EUR")).isEqualTo(pendingBefore - 1500);

        List<Payout> again = mine(payouts.run(ADMIN), "usr_f");
        assertThat(again).extracting(Payout::amount).containsExactly(Money.of(1500, "EUR"));
        assertThat(again.getFirst().id()).isNotEqualTo(p.id());
    }

    @EngineTest
    void runsRacingPayEachSellerOnce(TestEngine e) throws Exception {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        int sellers = 5;
        for (int s = 0; s < sellers; s++) {
            for (int i = 0; i < 3; i++) {
                sale(ledger, "race-" + s + "-" + i, "usr_race" + s, 1000 + s * 100 + i, "EUR", e.clock().millis());
            }
        }
        long pendingBefore = total(ledger, PayoutService.PENDING_ACCOUNT, "EUR");
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<PayoutService.Run>> runs = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return payouts.run(ADMIN);
                }));
            }
            start.countDown();
            List<Payout> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<PayoutService.Run> r : runs) {
                all.addAll(r.get().payouts());
            }
            long paidOut = all.stream().mapToLong(p -> p.amount().minor()).sum();
            all.removeIf(p -> !p.sellerId().startsWith("usr_race"));
            assertThat(all).hasSize(sellers);
            assertThat(all).extracting(Payout::sellerId).doesNotHaveDuplicates();
            for (int s = 0; s < sellers; s++) {
                assertThat(ledger.balances(Accounts.seller("usr_race" + s)).get("EUR").available()).isEqualTo(Money.of(0, "EUR"));
            }
            assertThat(total(ledger, PayoutService.PENDING_ACCOUNT, "EUR") - pendingBefore).as("booked once per payout").isEqualTo(paidOut);
            assertThat(ledger.totals().values()).allMatch(v -> v == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @EngineTest
    void markingPaidFromManyThreadsBooksOnce(TestEngine e) throws Exception {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        sale(ledger, "mp1", "usr_mp", 2600, "EUR", e.clock().millis());
        Payout p = mine(payouts.run(ADMIN), "usr_mp").getFirst();
        long paidBefore = total(ledger, PayoutService.PAID_ACCOUNT, "EUR");
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> tries = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String ref = "REF-" + t;
                tries.add(pool.submit(() -> {
                    start.await();
                    try {
                        payouts.markPaid(p.id(), ref, ADMIN);
                        return true;
                    } catch (IllegalStateException alreadyPaid) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : tries) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(total(ledger, PayoutService.PAID_ACCOUNT, "EUR")).isEqualTo(paidBefore + 2600);
            assertThat(ledger.totals().values()).allMatch(v -> v == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    static long total(Ledger ledger, String account, String currency) {
        Balance b = ledger.balances(account).get(currency);
        return b == null ? 0 : b.total().minor();
    }

    static List<Payout> mine(PayoutService.Run run, String seller) {
        return run.payouts().stream().filter(p -> p.sellerId().equals(seller)).toList();
    }

    /** A sale: the customer pays the share plus a 10 % fee; the seller's share is available at {@code availableAt}. */
    static void sale(Ledger ledger, String key, String seller, long share, String currency, long availableAt) {
        long fee = share / 9;
        ledger.post(new Posting("sale:" + key, "sale", "ord_" + key, "sale " + key, List.of(
                new LedgerEntry(Accounts.CUSTOMER, Money.of(-(share + fee), currency), null, availableAt),
                new LedgerEntry(Accounts.PLATFORM_FEES, Money.of(fee, currency), null, availableAt),
                new LedgerEntry(Accounts.seller(seller), Money.of(share, currency), null, availableAt))));
    }

    /** A refund of the seller's share (the fee kept for brevity: the customer gets the share back). */
    static void refund(Ledger ledger, String key, String seller, long share, String currency, long availableAt) {
        ledger.post(new Posting("refund:" + key, "refund", "ord_" + key, "refund " + key, List.of(
                new LedgerEntry(Accounts.CUSTOMER, Money.of(share, currency), null, availableAt),
                new LedgerEntry(Accounts.seller(seller), Money.of(-share, currency), null, availableAt))));
    }
}
