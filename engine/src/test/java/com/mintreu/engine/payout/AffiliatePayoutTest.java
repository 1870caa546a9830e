package com.mintreu.engine.payout;

import static com.mintreu.engine.payout.PayoutRunTest.sale;
import static com.mintreu.engine.payout.PayoutRunTest.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.money.Money;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.ledger.AccountEntry;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.web.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;

/**
 * Affiliates are paid by the same payout run as sellers: their {@code affiliate:<id>} balance per
 * currency, to the affiliate's user, with every rule of a seller's payout (minimum, currencies,
 * refunds netted, racing runs pay once).
 */
class AffiliatePayoutTest {

    private static final AuditLog.Actor ADMIN = new AuditLog.Actor("usr_admin", "admin");

    @EngineTest
    void anAffiliatesAvailableCommissionIsPaidToTheirUserPerCurrencyAboveTheMinimum(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        long now = e.clock().millis();
        String aff = affiliate(e, "usr_aff_a");
        sale(ledger, "aff-s1", "usr_aff_seller", 5000, "EUR", now);
        commission(ledger, "aff-c1", "usr_aff_seller", aff, 700, "EUR", now);
        commission(ledger, "aff-c2", "usr_aff_seller", aff, 400, "EUR", now);
        commission(ledger, "aff-c3", "usr_aff_seller", aff, 1100, "EUR", now + Duration.ofDays(2).toMillis()); // still held
        sale(ledger, "aff-s2", "usr_aff_seller", 5000, "USD", now);
        commission(ledger, "aff-c4", "usr_aff_seller", aff, 999, "USD", now); // below the 10.00 minimum

        List<Payout> mine = payouts.run(ADMIN).payouts().stream().filter(p -> p.account().equals(Accounts.affiliate(aff))).toList();

        assertThat(mine).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualTo(Money.of(1100, "EUR"));
            assertThat(p.sellerId()).as("the payee is the affiliate's user").isEqualTo("usr_aff_a");
            assertThat(p.payeeKind()).isEqualTo("affiliate");
            assertThat(payouts.entriesOf(p)).extracting(AccountEntry::amount).containsExactlyInAnyOrder(Money.of(700, "EUR"), Money.of(400, "EUR"));
        });
        assertThat(ledger.balances(Accounts.affiliate(aff)).get("EUR").available()).isEqualTo(Money.of(0, "EUR"));
        assertThat(ledger.balances(Accounts.affiliate(aff)).get("USD").available()).isEqualTo(Money.of(999, "USD"));
        assertThat(payouts.ofAccount(Accounts.affiliate(aff), PageRequest.first(10))).hasSize(1);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);

        e.clock().advance(Duration.ofDays(2));
        commission(ledger, "aff-c5", "usr_aff_seller", aff, 1, "USD", e.clock().millis());
        assertThat(payouts.run(ADMIN).payouts().stream().filter(p -> p.account().equals(Accounts.affiliate(aff))))
                .extracting(p -> p.amount().toString()).containsExactlyInAnyOrder("1100 EUR", "1000 USD");
    }

    @EngineTest
    void aUserWhoSellsAndRefersGetsTwoPayoutsAndTheSellerPagesShowOnlyTheSellersOne(TestEngine e) {
        TestUsers.User both = TestUsers.signIn(e, "seller");
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        long now = e.clock().millis();
        String aff = affiliate(e, both.id());
        sale(ledger, "both-s1", both.id(), 3000, "EUR", now);
        sale(ledger, "both-s2", "usr_both_other", 3000, "EUR", now);
        commission(ledger, "both-c1", "usr_both_other", aff, 1500, "EUR", now);

        List<Payout> run = payouts.run(ADMIN).payouts().stream().filter(p -> p.sellerId().equals(both.id())).toList();

        assertThat(run).extracting(p -> p.payeeKind() + " " + p.amount()).containsExactlyInAnyOrder("seller 3000 EUR", "affiliate 1500 EUR");
        assertThat(payouts.ofSeller(both.id(), PageRequest.first(10))).singleElement().satisfies(p -> assertThat(p.payeeKind()).isEqualTo("seller"));
        Payout affiliatePayout = run.stream().filter(p -> p.payeeKind().equals("affiliate")).findFirst().orElseThrow();
        assertThat(both.client().get("/api/v1/seller/payouts/" + affiliatePayout.id()).status()).as("not a seller payout").isEqualTo(404);
        assertThat(both.client().get("/api/v1/seller/payouts").json().get("data")).hasSize(1);

        TestUsers.User admin = TestUsers.signIn(e, "admin");
        String html = admin.client().get("/admin/payouts").body();
        assertThat(A11y.check(html)).isEmpty();
        Document page = org.jsoup.Jsoup.parse(html);
        assertThat(page.select("td.payee-kind").eachText()).contains("seller", "affiliate");
        String csv = admin.client().get("/admin/payouts/runs/" + affiliatePayout.runId() + "/csv").body();
        assertThat(csv).contains(both.id() + ",15.00,EUR," + affiliatePayout.id() + ",affiliate\r\n")
                .contains(both.id() + ",30.00,EUR,");
        String listed = admin.client().get("/api/v1/admin/payouts").body();
        assertThat(listed).as(listed).contains("\"payeeKind\":\"affiliate\"", "\"account\":\"" + Accounts.affiliate(aff) + "\"");
    }

    @EngineTest
    void aCommissionGivenBackAfterPayoutIsRecoveredFromTheNextPayout(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        long now = e.clock().millis();
        String aff = affiliate(e, "usr_aff_r");
        sale(ledger, "affr-s1", "usr_aff_r_seller", 9000, "EUR", now);
        commission(ledger, "affr-c1", "usr_aff_r_seller", aff, 2000, "EUR", now);
        assertThat(mine(payouts.run(ADMIN), aff)).extracting(Payout::amount).containsExactly(Money.of(2000, "EUR"));

        commission(ledger, "affr-back", "usr_aff_r_seller", aff, -800, "EUR", now); // a refund took 8.00 back after the payout
        assertThat(ledger.balances(Accounts.affiliate(aff)).get("EUR").available()).isEqualTo(Money.of(-800, "EUR"));
        assertThat(mine(payouts.run(ADMIN), aff)).as("a negative balance pays nothing").isEmpty();

        commission(ledger, "affr-c2", "usr_aff_r_seller", aff, 1500, "EUR", now);
        assertThat(mine(payouts.run(ADMIN), aff)).as("-8.00 + 15.00 is below the minimum").isEmpty();
        commission(ledger, "affr-c3", "usr_aff_r_seller", aff, 400, "EUR", now);
        List<Payout> next = mine(payouts.run(ADMIN), aff);
        assertThat(next).extracting(Payout::amount).containsExactly(Money.of(1100, "EUR"));
        assertThat(ledger.balances(Accounts.affiliate(aff)).get("EUR").available()).isEqualTo(Money.of(0, "EUR"));
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }

    @EngineTest
    void runsRacingPayEachSellerAndAffiliateOnce(TestEngine e) throws Exception {
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        int people = 4;
        List<String> accounts = new ArrayList<>();
        for (int s = 0; s < people; s++) {
            String user = "usr_arace" + s;
            String aff = affiliate(e, user); // each one both sells and refers: their payouts share one seq
            sale(ledger, "arace-s" + s, user, 4000 + s, "EUR", e.clock().millis());
            sale(ledger, "arace-o" + s, "usr_arace_other", 4000, "EUR", e.clock().millis());
            commission(ledger, "arace-c" + s, "usr_arace_other", aff, 1200 + s, "EUR", e.clock().millis());
            accounts.add(Accounts.seller(user));
            accounts.add(Accounts.affiliate(aff));
        }
        long pendingBefore = total(ledger, PayoutService.PENDING_ACCOUNT, "EUR");
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PayoutService.Run>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return payouts.run(ADMIN);
                }));
            }
            start.countDown();
            List<Payout> all = new ArrayList<>();
            for (Future<PayoutService.Run> r : runs) {
                all.addAll(r.get().payouts());
            }
            long paidOut = all.stream().mapToLong(p -> p.amount().minor()).sum();
            List<Payout> ours = all.stream().filter(p -> accounts.contains(p.account())).toList();
            assertThat(ours).extracting(Payout::account).as("one payout per account").containsExactlyInAnyOrderElementsOf(accounts);
            for (String account : accounts) {
                assertThat(ledger.balances(account).get("EUR").available()).isEqualTo(Money.of(0, "EUR"));
            }
            assertThat(total(ledger, PayoutService.PENDING_ACCOUNT, "EUR") - pendingBefore).as("booked once per payout").isEqualTo(paidOut);
            assertThat(ledger.totals().values()).allMatch(v -> v == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Payout> mine(PayoutService.Run run, String affiliateId) {
        return run.payouts().stream().filter(p -> p.account().equals(Accounts.affiliate(affiliateId))).toList();
    }

    /** An active affiliate of {@code userId} (its row only: these tests are about the run, the program has its own). */
    static String affiliate(TestEngine e, String userId) {
        String id = Ids.next("aff");
        e.jdbi().useHandle(h -> h.createUpdate("INSERT INTO affiliates (id, user_id, code, status, created_at) VALUES (:id, :u, :c, 'active', 0)")
                .bind("id", id).bind("u", userId).bind("c", id.substring(id.length() - 10)).execute());
        return id;
    }

    /** A commission as the affiliate program books it: from the seller's share to the affiliate (negative: given back). */
    static void commission(Ledger ledger, String key, String seller, String affiliateId, long amount, String currency, long availableAt) {
        ledger.post(new Posting("affiliate:" + key, "commission", "ord_" + key, "commission " + key, List.of(
                new LedgerEntry(Accounts.seller(seller), Money.of(-amount, currency), null, availableAt),
                new LedgerEntry(Accounts.affiliate(affiliateId), Money.of(amount, currency), null, availableAt))));
    }
}
