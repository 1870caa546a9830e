package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.checkout.MoneyPathFixture;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.payout.Payout;
import com.mintreu.engine.payout.PayoutService;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.engine.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The closing walk of the affiliate slice, on both databases: a seller with a webhook endpoint (a
 * local receiver), a click on an affiliate's link, a purchase through checkout with the cookie on
 * the sandbox gateway, paid; a partial refund; the hold passes; one payout run pays the seller and
 * the affiliate; the seller's endpoint got order.paid and order.refunded with signatures that
 * verify, and its delivery log says so. The figures are printed as a table.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\nwebhooks: {allowPrivateTargets: true}\nplugins:\n  payment-sandbox:\n    config:\n      secret: "
        + MoneyPathFixture.SANDBOX_SECRET + "\n")
class AffiliateSaleWalkTest {

    private final List<String[]> table = new ArrayList<>();

    @EngineTest
    void aReferredSaleIsPaidRefundedInPartAndPaidOutToSellerAndAffiliate(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = MoneyPathFixture.publishedPlan(e, seller.client(), 20000, "download");
        Ledger ledger = e.engine().component().ledger();
        try (Receiver hooks = new Receiver()) {
            JsonNode endpoint = Hooks.register(seller.client(), hooks.url(), "order.paid", "order.refunded");
            String secret = endpoint.get("secret").asText();

            TestUsers.User affiliate = TestUsers.signIn(e, "customer");
            JsonNode joined = affiliate.client().postJson("/api/v1/affiliate", Map.of()).json();
            String affiliateId = joined.get("id").asText();
            TestClient customer = TestUsers.signIn(e, "customer").client();
            Response click = customer.get("/r/" + joined.get("code").asText());
            assertThat(click.headers().get("set-cookie")).anyMatch(c -> c.startsWith("mintreu_ref="));

            Response placed = MoneyPathFixture.checkout(customer, plan, null, Map.of());
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String orderId = placed.json().get("orderId").asText();
            MoneyPathFixture.pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "pay");
            Hooks.pump(e);
            assertThat(customer.get("/api/v1/orders/" + orderId).json().get("status").asText()).isIn("paid", "fulfilled");
            String line = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM order_lines WHERE order_id = :o").bind("o", orderId)
                    .mapTo(String.class).one());

            // paid 200.00: platform fee 10 % = 20.00; commission 10 % = 20.00 out of the seller's 180.00
            Money fee = amount(ledger, "sale:" + line, Accounts.PLATFORM_FEES);
            Money commission = amount(ledger, "affiliate:" + line, Accounts.affiliate(affiliateId));
            Money sellerShare = amount(ledger, "sale:" + line, Accounts.seller(seller.id())).plus(amount(ledger, "affiliate:" + line, Accounts.seller(seller.id())));
            row("paid", Money.of(20000, "EUR"), fee, commission, sellerShare);
            assertThat(fee).isEqualTo(Money.of(2000, "EUR"));
            assertThat(commission).isEqualTo(Money.of(2000, "EUR"));
            assertThat(sellerShare).isEqualTo(Money.of(16000, "EUR"));

            // 50.00 refunded: a quarter of the line, so a quarter of the commission (5.00) goes back
            TestClient admin = TestUsers.signIn(e, "admin").client();
            Response refunded = admin.postJson("/api/v1/admin/orders/" + orderId + "/refunds",
                    Map.of("lines", List.of(Map.of("lineId", line, "amountMinor", 5000)), "reason", "half the pack did not fit"));
            assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
            Hooks.pump(e);
            Money affiliateNow = ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total();
            Money sellerNow = ledger.balances(Accounts.seller(seller.id())).get("EUR").total();
            Money feeBack = amount(ledger, "refund:" + refunded.json().get("id").asText() + ":" + line, Accounts.PLATFORM_FEES);
            row("refund 50.00", Money.of(-5000, "EUR"), feeBack, affiliateNow.minus(commission), sellerNow.minus(sellerShare));
            assertThat(feeBack).isEqualTo(Money.of(-500, "EUR"));
            assertThat(affiliateNow).isEqualTo(Money.of(1500, "EUR"));
            assertThat(sellerNow).as("160.00 - 45.00 of the refund + 5.00 of commission given back").isEqualTo(Money.of(12000, "EUR"));
            assertThat(ledger.totals().values()).allMatch(v -> v == 0);

            // the refund window passes: one run pays both
            e.clock().advance(Duration.ofDays(15));
            PayoutService payouts = e.engine().component().payoutService();
            payouts.run(AuditLog.Actor.SYSTEM);
            // the background scheduler may have run the (now due) payout-run job first: either run pays, once
            Payout toSeller = payouts.ofSeller(seller.id(), PageRequest.first(5)).stream().collect(onlyOne());
            Payout toAffiliate = payouts.ofAccount(Accounts.affiliate(affiliateId), PageRequest.first(5)).stream().collect(onlyOne());
            assertThat(toSeller.amount()).isEqualTo(Money.of(12000, "EUR"));
            assertThat(toAffiliate.amount()).isEqualTo(Money.of(1500, "EUR"));
            assertThat(toAffiliate.sellerId()).isEqualTo(affiliate.id());
            row("payout run", Money.zero("EUR"), Money.zero("EUR"), toAffiliate.amount().times(-1), toSeller.amount().times(-1));
            assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total().isZero()).isTrue();
            assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").total().isZero()).isTrue();

            // the seller's endpoint heard both, signed; the delivery log agrees
            assertThat(hooks.hits()).hasSize(2);
            List<String> types = new ArrayList<>();
            for (Receiver.Hit hit : hooks.hits()) {
                assertThat(StandardWebhooksVerifier.verify(secret, hit.id(), hit.timestamp(), hit.signature(), hit.body(), Long.parseLong(hit.timestamp())))
                        .as(hit.body()).isTrue();
                types.add(Json.MAPPER.readTree(hit.body()).get("type").asText());
            }
            assertThat(types).containsExactly("order.paid", "order.refunded");
            TestClient sellerAgain = Hooks.signInAgain(e, seller.id());
            JsonNode log = sellerAgain.get("/api/v1/seller/webhooks/" + endpoint.get("id").asText() + "/deliveries").json().get("data");
            List<String> delivered = new ArrayList<>();
            log.forEach(m -> delivered.add(m.get("type").asText() + " " + m.get("status").asText()));
            assertThat(delivered).containsExactlyInAnyOrder("order.paid delivered", "order.refunded delivered");
        }
        print();
    }

    private static java.util.stream.Collector<Payout, ?, Payout> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
            assertThat(l).hasSize(1);
            return l.getFirst();
        });
    }

    private static Money amount(Ledger ledger, String posting, String account) {
        return ledger.posting(posting).orElseThrow(() -> new AssertionError("no posting " + posting)).entries().stream()
                .filter(x -> x.account().equals(account)).map(LedgerEntry::amount).reduce(Money::plus).orElseThrow();
    }

    private void row(String step, Money customer, Money fee, Money affiliate, Money seller) {
        table.add(new String[] {step, MoneyText.format(customer), MoneyText.format(fee), MoneyText.format(affiliate), MoneyText.format(seller)});
    }

    private void print() {
        StringBuilder out = new StringBuilder("\nAffiliateSaleWalkTest (EUR)\n");
        String format = "%-14s %14s %14s %14s %14s%n";
        out.append(String.format(format, "step", "customer paid", "platform fee", "affiliate", "seller"));
        for (String[] r : table) {
            out.append(String.format(format, (Object[]) r));
        }
        System.out.print(out);
    }
}
