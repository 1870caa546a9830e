package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.plugin.PayoutTestPlugins;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.payoutstripeconnect.FakeStripeConnect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paying sellers through Stripe Connect with the real engine: the payout-stripe-connect plugin zip
 * in the engine, {@code apiBase} at its {@link FakeStripeConnect}, webhooks signed with Stripe's
 * scheme. One engine and one fake per database for the class (the fake's port must be in the
 * config before the engine boots); every test uses its own sellers.
 */
class StripeConnectPayoutTest {

    static final String SECRET_KEY = "sk_test_51MintreuEngineConnect00000000000000000000000";
    static final String WEBHOOK_SECRET = "whsec_MintreuEngineConnectPlatform000000";
    static final String CONNECT_SECRET = "whsec_MintreuEngineConnectAccounts000000";
    static final String WEBHOOK_PATH = "/webhooks/payouts/payout-stripe-connect";

    record Shop(TestEngine engine, FakeStripeConnect stripe) {}

    private static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static Shop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, k -> {
            FakeStripeConnect stripe = new FakeStripeConnect(SECRET_KEY);
            String yaml = "outbox: {pollInterval: 1h}\n"
                    + "payouts: {method: payout-stripe-connect}\n"
                    + "plugins:\n"
                    + "  payout-stripe-connect:\n"
                    + "    enabled: true\n"
                    + "    config: {secretKey: " + SECRET_KEY + ", webhookSecret: " + WEBHOOK_SECRET + ", connectWebhookSecret: " + CONNECT_SECRET
                    + ", apiBase: '" + stripe.base() + "'}\n";
            return new Shop(TestEngine.boot(k, yaml, false, PayoutTestPlugins::writeStripeConnectTo), stripe);
        });
    }

    @AfterAll
    static void closeShops() {
        SHOPS.values().forEach(s -> {
            s.engine().close();
            s.stripe().close();
        });
        SHOPS.clear();
    }

    /** A Stripe event around {@code object}, signed now (engine clock) with {@code secret}. */
    private static Map<String, String> event(Shop shop, String type, JsonNode object, String secret) {
        String id = FakeStripeConnect.eventId();
        String body = FakeStripeConnect.event(id, type, object, shop.engine().clock().instant());
        return Map.of("id", id, "body", body, "signature", FakeStripeConnect.sign(secret, shop.engine().clock().instant(), body));
    }

    private static Response deliver(Shop shop, Map<String, String> event) {
        return shop.engine().client().post(WEBHOOK_PATH, "application/json", event.get("body"), Map.of("Stripe-Signature", event.get("signature")));
    }

    /** The seller presses "Set up payouts with Stripe": returns the account link the engine sent them to. */
    private static URI pressSetup(Shop shop, TestUsers.User seller) {
        Response pressed = seller.client().submitForm("/seller/payouts", "form[action=/account/payouts/setup]", Map.of());
        assertThat(pressed.status()).as(pressed.body()).isEqualTo(303);
        return URI.create(pressed.header("Location"));
    }

    private static String accountOf(URI link) {
        String path = link.getPath(); // /setup/s/<acct>/<token>
        return path.split("/")[3];
    }

    /** Onboarding to the end: button, Stripe's form, account.updated. Returns the account id. */
    private static String onboard(Shop shop, TestUsers.User seller) {
        String account = accountOf(pressSetup(shop, seller));
        Map<String, String> updated = event(shop, "account.updated", shop.stripe().completeOnboarding(account), CONNECT_SECRET);
        // sent the way Stripe sends it: by the fake, over HTTP, to the engine's public webhook URL
        FakeStripeConnect.Delivered applied = shop.stripe().deliver(shop.engine().base().resolve(WEBHOOK_PATH), updated.get("body"), updated.get("signature"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.body()).contains("APPLIED");
        return account;
    }

    private static Payout payoutOf(PayoutService.Run run, String seller) {
        return run.payouts().stream().filter(p -> p.sellerId().equals(seller)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellerOnboardsThroughTheButtonStripesFormAndTheAccountUpdatedWebhook(String kind) throws Exception {
        Shop shop = shop(kind);
        TestUsers.User seller = TestUsers.signIn(shop.engine(), "seller");

        Response page = seller.client().get("/seller/payouts");
        assertThat(page.html().select("form[action=/account/payouts/setup] button").text()).isEqualTo("Set up payouts with Stripe");
        assertThat(page.html().select(".payout-setup").text()).contains("Not set up");
        assertThat(A11y.check(page.body())).isEmpty();
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self'").contains("https://connect.stripe.com")
                .contains(shop.stripe().base().toString());

        URI link = pressSetup(shop, seller);
        assertThat(link.toString()).startsWith(shop.stripe().base() + "/setup/s/acct_");
        HttpResponse<String> stripeForm = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stripeForm.statusCode()).isEqualTo(200);
        String account = accountOf(link);
        ObjectNode kept = shop.stripe().links().stream().filter(l -> l.get("url").asText().equals(link.toString())).findFirst().orElseThrow();
        assertThat(kept.get("return_url").asText()).isEqualTo(shop.engine().base() + "/account/payouts/setup/return");
        assertThat(kept.get("refresh_url").asText()).isEqualTo(shop.engine().base() + "/account/payouts/setup");
        assertThat(shop.stripe().account(account).get("metadata").get("payee_id").asText()).isEqualTo(seller.id());

        // back before finishing: the return page asks Stripe and shows it is not done
        Response returned = seller.client().get("/account/payouts/setup/return");
        assertThat(A11y.check(returned.body())).isEmpty();
        Document back = returned.html();
        assertThat(back.select(".payout-setup").text()).contains("Not finished");
        assertThat(back.select("form[action=/account/payouts/setup] button").text()).isEqualTo("Continue payout setup with Stripe");
        assertThat(accountOf(pressSetup(shop, seller))).as("the account is created once").isEqualTo(account);
        assertThat(shop.stripe().requests("POST", "/v1/accounts").stream().filter(r -> r.params().get("metadata[payee_id]").equals(seller.id())))
                .hasSize(1);

        Map<String, String> updated = event(shop, "account.updated", shop.stripe().completeOnboarding(account), CONNECT_SECRET);
        Response applied = deliver(shop, updated);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("results").get(0).asText()).isEqualTo("APPLIED");

        Document enabled = seller.client().get("/seller/payouts").html();
        assertThat(enabled.select(".payout-setup").text()).contains("Payouts enabled");
        assertThat(enabled.select("form[action=/account/payouts/setup]")).isEmpty();
        Response setup = seller.client().get("/account/payouts/setup");
        assertThat(setup.html().select(".payout-setup").text()).contains("Payouts enabled");
        assertThat(A11y.check(setup.body())).isEmpty();

        Response replay = deliver(shop, updated);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("results").get(0).asText()).isEqualTo("DUPLICATE");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCustomerCannotStartOnboardingAndTheSetupFormNeedsItsCsrfToken(String kind) {
        Shop shop = shop(kind);
        TestUsers.User customer = TestUsers.signIn(shop.engine(), "customer");
        Response page = customer.client().get("/account/payouts/setup");
        assertThat(page.html().select("form[action=/account/payouts/setup]")).isEmpty();
        assertThat(page.html().text()).contains("Payout setup is for sellers and affiliates");
        assertThat(A11y.check(page.body())).isEmpty();
        int accounts = shop.stripe().requests("POST", "/v1/accounts").size();
        String token = page.html().select("input[name=_csrf]").first().attr("value"); // the layout's sign-out form
        assertThat(customer.client().postForm("/account/payouts/setup", Map.of("_csrf", token)).status()).as("nothing to pay a customer").isEqualTo(404);
        TestUsers.User seller = TestUsers.signIn(shop.engine(), "seller");
        assertThat(seller.client().postForm("/account/payouts/setup", Map.of()).status()).as("no CSRF token").isEqualTo(403);
        assertThat(shop.stripe().requests("POST", "/v1/accounts")).hasSize(accounts);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stripeDownWhileStartingIsAPageSayingSoNotAnError(String kind) {
        Shop shop = shop(kind);
        TestUsers.User seller = TestUsers.signIn(shop.engine(), "seller");
        shop.stripe().failNextAccountLink();

        Response down = seller.client().submitForm("/seller/payouts", "form[action=/account/payouts/setup]", Map.of());

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.html().select(".notice.error").text()).isEqualTo("Stripe could not be reached. Please try again in a few minutes.");
        assertThat(down.html().select("form[action=/account/payouts/setup] button").text()).isEqualTo("Set up payouts with Stripe");
        assertThat(A11y.check(down.body())).isEmpty();
        assertThat(pressSetup(shop, seller).toString()).as("the next press works").startsWith(shop.stripe().base() + "/setup/s/acct_");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRunPaysEachEnabledSellerByOneTransferAndSkipsTheOthersWithTheReasonShown(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        TestUsers.User ready = TestUsers.signIn(e, "seller");
        TestUsers.User halfway = TestUsers.signIn(e, "seller");
        TestUsers.User never = TestUsers.signIn(e, "seller");
        String account = onboard(shop, ready);
        pressSetup(shop, halfway);
        PayoutRunTest.sale(ledger, "cx-" + ready.id(), ready.id(), 4250, "EUR", e.clock().millis());
        PayoutRunTest.sale(ledger, "cx-" + halfway.id(), halfway.id(), 3000, "EUR", e.clock().millis());
        PayoutRunTest.sale(ledger, "cx-" + never.id(), never.id(), 2000, "EUR", e.clock().millis());

        PayoutService.Run run = payouts.run(AuditLog.Actor.SYSTEM);

        Payout paid = payoutOf(run, ready.id());
        assertThat(paid.status()).isEqualTo(PayoutStatus.PAID);
        assertThat(paid.method()).isEqualTo("payout-stripe-connect");
        List<FakeStripeConnect.Recorded> calls = shop.stripe().requests("POST", "/v1/transfers").stream()
                .filter(r -> paid.id().equals(r.params().get("metadata[payout_id]"))).toList();
        assertThat(calls).singleElement().satisfies(r -> {
            assertThat(r.header("Idempotency-Key")).isEqualTo("payout:" + paid.id());
            assertThat(r.params()).containsEntry("amount", "4250").containsEntry("currency", "eur").containsEntry("destination", account)
                    .containsEntry("transfer_group", paid.id());
        });
        ObjectNode transfer = shop.stripe().transfers().stream().filter(t -> t.get("transfer_group").asText().equals(paid.id())).findFirst().orElseThrow();
        assertThat(paid.reference()).isEqualTo(transfer.get("id").asText());
        assertThat(ledger.balances(Accounts.seller(ready.id())).get("EUR").available().minor()).isZero();

        assertThat(run.payouts()).noneMatch(p -> p.sellerId().equals(halfway.id()) || p.sellerId().equals(never.id()));
        assertThat(ledger.balances(Accounts.seller(halfway.id())).get("EUR").available()).isEqualTo(Money.of(3000, "EUR"));
        assertThat(ledger.balances(Accounts.seller(never.id())).get("EUR").available()).isEqualTo(Money.of(2000, "EUR"));
        Response adminPage = TestUsers.signIn(e, "admin").client().get("/admin/payouts");
        assertThat(A11y.check(adminPage.body())).isEmpty();
        Document admin = adminPage.html();
        assertThat(admin.select("#waiting-title").text()).isEqualTo("Not paid: waiting for payout setup");
        assertThat(admin.select("section:has(#waiting-title) tr:contains(" + never.id() + ")").text())
                .contains("20.00").contains("payout account not set up with payout-stripe-connect");
        assertThat(admin.select("section:has(#waiting-title) tr:contains(" + halfway.id() + ")").text()).contains("30.00");
        assertThat(admin.select("section:has(#waiting-title)").text()).doesNotContain(ready.id());
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);

        // once the second seller finishes, the next run pays their balance that waited
        deliver(shop, event(shop, "account.updated", shop.stripe().completeOnboarding(
                accountOf(pressSetup(shop, halfway))), CONNECT_SECRET));
        Payout later = payoutOf(payouts.run(AuditLog.Actor.SYSTEM), halfway.id());
        assertThat(later.status()).isEqualTo(PayoutStatus.PAID);
        assertThat(later.amount()).isEqualTo(Money.of(3000, "EUR"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTransferWhoseAnswerWasLostIsSentAgainWithTheSameKeyAndPaysOnce(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        PayoutService payouts = e.engine().component().payoutService();
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        onboard(shop, seller);
        PayoutRunTest.sale(e.engine().component().ledger(), "lost-" + seller.id(), seller.id(), 1500, "USD", e.clock().millis());

        shop.stripe().loseNextTransferAnswer();
        Payout unsent = payoutOf(payouts.run(AuditLog.Actor.SYSTEM), seller.id());
        assertThat(unsent.status()).isEqualTo(PayoutStatus.PENDING);
        assertThat(unsent.detail()).startsWith("not sent: ");

        payouts.run(AuditLog.Actor.SYSTEM);

        Payout paid = payouts.find(unsent.id()).orElseThrow();
        assertThat(paid.status()).isEqualTo(PayoutStatus.PAID);
        List<ObjectNode> transfers = shop.stripe().transfers().stream().filter(t -> t.get("transfer_group").asText().equals(unsent.id())).toList();
        assertThat(transfers).singleElement().satisfies(t -> assertThat(t.get("id").asText()).isEqualTo(paid.reference()));
        assertThat(shop.stripe().requests("POST", "/v1/transfers").stream().filter(r -> unsent.id().equals(r.params().get("transfer_group"))))
                .hasSize(2).allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("payout:" + unsent.id()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBadOrMissingSignatureIs400AndChangesNothing(String kind) {
        Shop shop = shop(kind);
        TestUsers.User seller = TestUsers.signIn(shop.engine(), "seller");
        String account = accountOf(pressSetup(shop, seller));
        ObjectNode done = shop.stripe().completeOnboarding(account);

        Map<String, String> forged = event(shop, "account.updated", done, "whsec_notTheShopsSecret000000000000");
        Response bad = deliver(shop, forged);
        Response none = shop.engine().client().post(WEBHOOK_PATH, "application/json", forged.get("body"), Map.of());
        Map<String, String> old = event(shop, "account.updated", done, CONNECT_SECRET);
        shop.engine().clock().advance(java.time.Duration.ofMinutes(6));
        Response stale = deliver(shop, old);
        shop.engine().clock().advance(java.time.Duration.ofMinutes(-6));

        for (Response r : List.of(bad, none, stale)) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("PAYOUT_WEBHOOK_REJECTED");
        }
        assertThat(seller.client().get("/seller/payouts").html().select(".payout-setup").text()).contains("Not finished");
        int recorded = shop.engine().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payout_events WHERE event_id IN (<ids>)")
                .bindList("ids", List.of(forged.get("id"), old.get("id"))).mapTo(Integer.class).one());
        assertThat(recorded).isZero();
        assertThat(shop.engine().client().post("/webhooks/payouts/payout-nope", "application/json", "{}", Map.of()).status()).isEqualTo(404);
        assertThat(shop.engine().client().post("/webhooks/payouts/payout-manual", "application/json", "{}", Map.of()).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aReversedTransferGivesTheMoneyBackOnceAndTheNextRunPaysItAgain(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        onboard(shop, seller);
        PayoutRunTest.sale(ledger, "rev-" + seller.id(), seller.id(), 6000, "EUR", e.clock().millis());
        Payout paid = payoutOf(payouts.run(AuditLog.Actor.SYSTEM), seller.id());
        long paidTotal = PayoutRunTest.total(ledger, PayoutService.PAID_ACCOUNT, "EUR");

        Map<String, String> created = event(shop, "transfer.created", shop.stripe().transfer(paid.reference()), WEBHOOK_SECRET);
        assertThat(deliver(shop, created).json().get("received").asInt()).as("harmless, nothing to apply").isZero();
        Map<String, String> reversed = event(shop, "transfer.reversed", shop.stripe().reverse(paid.reference(), 6000), WEBHOOK_SECRET);
        Response applied = deliver(shop, reversed);
        Response replayed = deliver(shop, reversed);

        assertThat(applied.json().get("results").get(0).asText()).as(applied.body()).isEqualTo("REVERSED");
        assertThat(replayed.json().get("results").get(0).asText()).isEqualTo("DUPLICATE");
        Payout back = payouts.find(paid.id()).orElseThrow();
        assertThat(back.status()).isEqualTo(PayoutStatus.REVERSED);
        assertThat(back.detail()).contains("6000 EUR back in the balance");
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").available()).isEqualTo(Money.of(6000, "EUR"));
        assertThat(PayoutRunTest.total(ledger, PayoutService.PAID_ACCOUNT, "EUR")).as("booked once").isEqualTo(paidTotal - 6000);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
        Response minePage = seller.client().get("/seller/payouts");
        assertThat(A11y.check(minePage.body())).isEmpty();
        Document mine = minePage.html();
        assertThat(mine.text()).contains("reversed").contains("back in the balance");
        assertThat(seller.client().get("/api/v1/seller/payouts/" + paid.id()).json().get("status").asText()).isEqualTo("reversed");

        Payout again = payoutOf(payouts.run(AuditLog.Actor.SYSTEM), seller.id());
        assertThat(again.status()).isEqualTo(PayoutStatus.PAID);
        assertThat(again.amount()).isEqualTo(Money.of(6000, "EUR"));
        assertThat(again.reference()).isNotEqualTo(paid.reference());
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").available().minor()).isZero();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void runsRacingPayEachSellerByOneTransfer(String kind) throws Exception {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        List<TestUsers.User> sellers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUsers.User s = TestUsers.signIn(e, "seller");
            onboard(shop, s);
            PayoutRunTest.sale(ledger, "race-" + s.id(), s.id(), 2500 + i, "EUR", e.clock().millis());
            sellers.add(s);
        }
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PayoutService.Run>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return payouts.run(AuditLog.Actor.SYSTEM);
                }));
            }
            start.countDown();
            for (Future<PayoutService.Run> r : runs) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (TestUsers.User s : sellers) {
            List<Payout> theirs = payouts.ofSeller(s.id(), com.mintreu.engine.web.PageRequest.first(10));
            assertThat(theirs).as("one payout for " + s.id()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(PayoutStatus.PAID));
            assertThat(shop.stripe().transfers().stream().filter(t -> t.get("metadata").path("payee_id").asText().equals(s.id())))
                    .as("one transfer for " + s.id()).hasSize(1);
            assertThat(ledger.balances(Accounts.seller(s.id())).get("EUR").available().minor()).isZero();
        }
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }
}
