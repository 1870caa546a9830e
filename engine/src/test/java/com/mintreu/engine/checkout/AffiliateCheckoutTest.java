package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Balance;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderPaid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The affiliate program end to end over HTTP with the real sandbox gateway: a click on a link sets
 * the referral cookie, checkout attributes the order, order.paid books the commission out of the
 * seller's share (exact amounts), refunds give it back in proportion; self-referral and the
 * affiliate's own products earn nothing; the last click wins; no raw IP is stored.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class AffiliateCheckoutTest {

    private static final Money ZERO = Money.of(0, "EUR");

    @EngineTest
    void aReferredSaleBooksTheCommissionAndRefundsGiveItBack(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 1999, "download");
        String slug = e.jdbi().withHandle(h -> h.createQuery("SELECT p.slug FROM products p JOIN plans pl ON pl.product_id = p.id WHERE pl.id = :id")
                .bind("id", plan).mapTo(String.class).one());
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        String affiliateId = affiliateId(e, affiliate.id());

        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response click = customer.get("/r/" + code + "/" + slug);
        assertThat(click.status()).isEqualTo(303);
        assertThat(click.header("Location")).isEqualTo("/products/" + slug);
        assertThat(click.headers().get("set-cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("mintreu_ref=acl_").contains("HttpOnly", "SameSite=Lax", "Max-Age=" + 30 * 86_400));

        String orderId = payWithCookie(e, customer, plan);
        Ledger ledger = e.engine().component().ledger();
        // 19.99 paid: fee 2.00, seller's share 17.99; 10 % commission of 19.99 rounds to 2.00, taken from the share
        assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR")).isEqualTo(new Balance(Money.of(200, "EUR"), ZERO));
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR")).isEqualTo(new Balance(Money.of(1599, "EUR"), ZERO));
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);

        Document page = affiliate.client().get("/account/affiliate").html();
        assertThat(page.select(".affiliate-figures .clicks").text()).isEqualTo("1");
        assertThat(page.select(".affiliate-figures .conversions").text()).isEqualTo("1");
        assertThat(page.select(".affiliate-figures .rate").text()).isEqualTo("100.0 %");
        assertThat(page.select(".affiliate-earnings").text()).contains("2.00 EUR");

        // after the refund window the commission is available
        e.clock().advance(Duration.ofDays(14));
        assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR")).isEqualTo(new Balance(ZERO, Money.of(200, "EUR")));

        // 10.00 refunded: the commission gives back its part of it (1.00 of the line's 2.00 / 17.99 split)
        String line = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM order_lines WHERE order_id = :o").bind("o", orderId).mapTo(String.class).one());
        refund(e, "rfd_aff_1", orderId, List.of(new RefundLine(line, Money.of(1000, "EUR"))));
        assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total()).isEqualTo(Money.of(100, "EUR"));
        refund(e, "rfd_aff_1", orderId, List.of(new RefundLine(line, Money.of(1000, "EUR"))));
        assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total()).as("a redelivered refund books nothing").isEqualTo(Money.of(100, "EUR"));
        // the rest: the affiliate and the seller are back to zero exactly
        refund(e, "rfd_aff_2", orderId, List.of(new RefundLine(line, Money.of(999, "EUR"))));
        assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total()).isEqualTo(ZERO);
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").total()).isEqualTo(ZERO);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);

        // no raw IP in the click log: only a salted hash
        Map<String, Object> row = e.jdbi().withHandle(h -> h.createQuery("SELECT * FROM affiliate_clicks WHERE affiliate_id = :a")
                .bind("a", affiliateId).mapToMap().one());
        assertThat(row.values()).noneMatch(v -> v != null && (v.toString().contains("127.0.0.1") || v.toString().contains("0:0:0:0")));
        assertThat(row.get("visitor_hash").toString()).matches("[0-9a-f]{64}");
        assertThat(row.get("product_slug")).isEqualTo(slug);
    }

    @EngineTest
    void selfReferralAndTheAffiliatesOwnProductsEarnNothing(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 1000, "download");

        // the affiliate buys through their own link
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        assertThat(affiliate.client().get("/r/" + code).header("Location")).isEqualTo("/");
        String own = payWithCookie(e, affiliate.client(), plan);
        assertThat(attributions(e, own)).isZero();

        // the seller as affiliate: a customer following the seller's link to the seller's product
        String sellerCode = join(seller.client());
        TestClient customer = TestUsers.signIn(e, "customer").client();
        customer.get("/r/" + sellerCode);
        String sellersOwn = payWithCookie(e, customer, plan);
        assertThat(attributions(e, sellersOwn)).isZero();

        Ledger ledger = e.engine().component().ledger();
        assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, affiliate.id())))).isEmpty();
        assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, seller.id())))).isEmpty();
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").pending()).as("two full shares of 9.00").isEqualTo(Money.of(1800, "EUR"));
    }

    @EngineTest
    void theLastClickWinsAndAnUnknownCodeSetsNoCookie(TestEngine e) {
        String plan = publishedPlan(e, 5000);
        TestUsers.User first = TestUsers.signIn(e, "customer");
        TestUsers.User second = TestUsers.signIn(e, "customer");
        String firstCode = join(first.client());
        String secondCode = join(second.client());

        TestClient customer = TestUsers.signIn(e, "customer").client();
        customer.get("/r/" + firstCode);
        customer.get("/r/" + secondCode);
        Response unknown = customer.get("/r/nosuchcode");
        assertThat(unknown.status()).isEqualTo(303);
        assertThat(unknown.headers().getOrDefault("set-cookie", List.of())).noneMatch(c -> c.startsWith("mintreu_ref="));
        String orderId = payWithCookie(e, customer, plan);

        String attributed = e.jdbi().withHandle(h -> h.createQuery("SELECT affiliate_id FROM affiliate_attributions WHERE order_id = :o")
                .bind("o", orderId).mapTo(String.class).one());
        assertThat(attributed).isEqualTo(affiliateId(e, second.id()));
        Ledger ledger = e.engine().component().ledger();
        assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, second.id()))).get("EUR").pending()).isEqualTo(Money.of(500, "EUR"));
        assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, first.id())))).isEmpty();
        assertThat(first.client().get("/account/affiliate").html().select(".affiliate-figures .rate").text()).isEqualTo("0.0 %");
    }

    @EngineTest
    void theCheckoutPageAttributesLikeTheApi(TestEngine e) {
        String plan = publishedPlan(e, 1000);
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        TestClient customer = buyer.client();
        customer.get("/r/" + code);
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
        Response placed = customer.submitForm("/cart", "form[action=/checkout]", Map.of("gateway", "payment-sandbox"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        assertThat(placed.header("Location")).contains("/plugins/payment-sandbox/checkout/");
        String attributed = e.jdbi().withHandle(h -> h.createQuery("""
                SELECT t.affiliate_id FROM affiliate_attributions t JOIN orders o ON o.id = t.order_id WHERE o.customer_id = :c""")
                .bind("c", buyer.id()).mapTo(String.class).one());
        assertThat(attributed).isEqualTo(affiliateId(e, affiliate.id()));
    }

    @EngineTest
    void aClickOlderThanTheWindowAttributesNothing(TestEngine e) {
        String plan = publishedPlan(e, 1000);
        String code = join(TestUsers.signIn(e, "customer").client());
        TestClient customer = TestUsers.signIn(e, "customer").client();
        customer.get("/r/" + code);
        e.clock().advance(Duration.ofDays(31));
        // the session did not last the month: the same browser signs in again, its referral cookie kept
        String session = TestUsers.signIn(e, "customer").client().cookies().stream().filter(c -> c.getName().equals("mintreu_session"))
                .findFirst().orElseThrow().getValue();
        customer.withSession(session);
        assertThat(customer.cookies()).anyMatch(c -> c.getName().equals("mintreu_ref"));
        assertThat(attributions(e, payWithCookie(e, customer, plan))).isZero();
    }

    @EngineTest
    void eightDeliveriesOfOrderPaidAtOnceBookTheCommissionOnce(TestEngine e) throws Exception {
        String plan = publishedPlan(e, 3000);
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        TestClient customer = TestUsers.signIn(e, "customer").client();
        customer.get("/r/" + code);
        String orderId = payUndelivered(customer, plan);
        EventSubscriber booking = e.engine().component().eventSubscribers().stream().filter(s -> s.id().equals("affiliates")).findFirst().orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String eventId = "evt_race_" + i;
                runs.add(pool.submit(() -> {
                    start.await();
                    booking.on(new OrderPaid(eventId, Instant.now(), orderId, null));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        e.engine().component().outboxDispatcher().deliverDue(); // and the real delivery after them
        Ledger ledger = e.engine().component().ledger();
        assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, affiliate.id()))).get("EUR").pending()).isEqualTo(Money.of(300, "EUR"));
        long postings = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ledger_postings WHERE order_id = :o AND kind = 'commission'")
                .bind("o", orderId).mapTo(Long.class).one());
        assertThat(postings).isEqualTo(1);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }

    @EngineTest
    void theSellersRateForAProductWinsOverTheGlobalRate(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 2000, "download");
        String product = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :id").bind("id", plan).mapTo(String.class).one());
        String form = "form[action=/seller/affiliate-rates/" + product + "]";

        Response wrong = seller.client().submitForm("/seller/affiliate-rates", form, Map.of("percent", "lots"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().select("p.error").text()).contains("as a percent");
        assertThat(wrong.html().select("#rate-" + product).attr("value")).isEqualTo("lots");
        Response tooMuch = seller.client().submitForm("/seller/affiliate-rates", form, Map.of("percent", "100.5"));
        assertThat(tooMuch.html().select("p.error").text()).contains("0 to 100 %");
        TestClient otherSeller = TestUsers.signIn(e, "seller").client();
        assertThat(otherSeller.get("/seller/affiliate-rates").html().select("#rate-" + product)).as("another seller does not see it").isEmpty();
        String token = otherSeller.get("/seller/affiliate-rates").html().selectFirst("input[name=_csrf]").attr("value");
        assertThat(otherSeller.postForm("/seller/affiliate-rates/" + product, Map.of("_csrf", token, "percent", "90")).status()).isEqualTo(404);
        long rates = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM affiliate_product_rates").mapTo(Long.class).one());
        assertThat(rates).as("nothing written by the refused forms").isZero();

        assertThat(seller.client().submitForm("/seller/affiliate-rates", form, Map.of("percent", "25")).status()).isEqualTo(303);
        assertThat(seller.client().get("/seller/affiliate-rates").html().select("#rate-" + product).attr("value")).isEqualTo("25");

        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        TestClient customer = TestUsers.signIn(e, "customer").client();
        customer.get("/r/" + code);
        payWithCookie(e, customer, plan);
        // 20.00 paid: fee 2.00; the seller's 25 % commission is 5.00, leaving the seller 13.00
        Ledger ledger = e.engine().component().ledger();
        assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, affiliate.id()))).get("EUR").pending()).isEqualTo(Money.of(500, "EUR"));
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").pending()).isEqualTo(Money.of(1300, "EUR"));
    }

    @EngineTest
    void aSchemeThatIsNotRunningFailsTheDeliveryAndBooksNothing(TestEngine shared) {
        try (TestEngine e = MoneyPathFixture.boot(shared.kind(), "affiliates: {scheme: affiliate-tiered}\n")) {
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            String plan = publishedPlan(e, seller.client(), 1000, "download");
            TestUsers.User affiliate = TestUsers.signIn(e, "customer");
            String code = join(affiliate.client());
            TestClient customer = TestUsers.signIn(e, "customer").client();
            customer.get("/r/" + code);
            String orderId = payUndelivered(customer, plan);
            EventSubscriber booking = e.engine().component().eventSubscribers().stream().filter(s -> s.id().equals("affiliates")).findFirst().orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> booking.on(new OrderPaid("evt_no_scheme", Instant.now(), orderId, null)))
                    .hasMessageContaining("affiliate-tiered").hasMessageContaining("not running");
            e.engine().component().outboxDispatcher().deliverDue(); // the failure is the outbox's to retry
            Ledger ledger = e.engine().component().ledger();
            assertThat(ledger.balances(Accounts.affiliate(affiliateId(e, affiliate.id())))).isEmpty();
            assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").pending()).as("the sale itself is booked").isEqualTo(Money.of(900, "EUR"));
        }
    }

    /** Joins on the affiliate page; returns the code it shows. */
    static String join(TestClient user) {
        assertThat(user.get("/account/affiliate").html().select(".affiliate-code")).isEmpty();
        Response joined = user.submitForm("/account/affiliate", "form[action=/account/affiliate/join]", Map.of());
        assertThat(joined.status()).as(joined.body()).isEqualTo(303);
        String code = user.get("/account/affiliate").html().select(".affiliate-code").text();
        assertThat(code).matches("[a-z0-9]{10}");
        return code;
    }

    static String payWithCookie(TestEngine e, TestClient customer, String plan) {
        String orderId = payUndelivered(customer, plan);
        e.engine().component().outboxDispatcher().deliverDue();
        return orderId;
    }

    /** Checks out and pays on the sandbox; order.paid waits in the outbox. */
    private static String payUndelivered(TestClient customer, String plan) {
        Response placed = checkout(customer, plan, null, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "pay");
        assertThat(status(customer, orderId)).isEqualTo("paid");
        return orderId;
    }

    static void refund(TestEngine e, String refundId, String orderId, List<RefundLine> lines) {
        Outbox outbox = e.engine().component().outbox();
        e.jdbi().useTransaction(h -> {
            Outbox.Stamp stamp = outbox.stamp();
            outbox.publish(h, new OrderRefunded(stamp.eventId(), stamp.at(), refundId, orderId, lines));
        });
        e.engine().component().outboxDispatcher().deliverDue();
    }

    static String affiliateId(TestEngine e, String userId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM affiliates WHERE user_id = :u").bind("u", userId).mapTo(String.class).one());
    }

    static long attributions(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM affiliate_attributions WHERE order_id = :o")
                .bind("o", orderId).mapTo(Long.class).one());
    }
}
