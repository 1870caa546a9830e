package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;

/**
 * The seller's and admin's Subscriptions views over HTTP, on both databases: each seller sees only
 * their own subscribers; the figures (MRR, churn, trial conversion) are those of the rows the
 * customers made, before and after a month is lived through.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SubscriptionInsightsTest {

    @EngineTest
    void sellersSeeTheirOwnSubscribersAndFiguresAdminsSeeAll(TestEngine e) {
        TestUsers.User sellerA = TestUsers.signIn(e, "seller");
        TestUsers.User sellerB = TestUsers.signIn(e, "seller");
        TestUsers.User admin = TestUsers.signIn(e, "admin");
        String monthlyA = recurringPlan(e, sellerA.client(), monthly(2900, 0));
        String trialA = recurringPlan(e, sellerA.client(), monthly(1000, 7));
        String monthlyB = recurringPlan(e, sellerB.client(), monthly(1900, 0));

        TestUsers.User payer = TestUsers.signIn(e, "customer");
        payOnSandbox(payer.client(), checkout(payer.client(), monthlyA).get("paymentUrl").asText(), GOOD_CARD);
        TestUsers.User trier = TestUsers.signIn(e, "customer");
        assertThat(checkout(trier.client(), trialA).path("paymentUrl").asText(null)).as("a trial without a card is a free order").isNull();
        TestUsers.User other = TestUsers.signIn(e, "customer");
        payOnSandbox(other.client(), checkout(other.client(), monthlyB).get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        String payerSub = subscription(payer.client()).get("id").asText();
        String trierSub = subscription(trier.client()).get("id").asText();
        String otherSub = subscription(other.client()).get("id").asText();
        String productB = other.client().get("/api/v1/subscriptions/" + otherSub).json().get("productId").asText();

        TestClient a = sellerA.client();
        assertThat(ids(a.get("/api/v1/seller/subscriptions"))).containsExactlyInAnyOrder(payerSub, trierSub);
        assertThat(ids(a.get("/api/v1/seller/subscriptions?status=trialing"))).containsExactly(trierSub);
        assertThat(ids(a.get("/api/v1/seller/subscriptions?product=" + productB))).as("another seller's product: nothing").isEmpty();
        assertThat(ids(sellerB.client().get("/api/v1/seller/subscriptions"))).containsExactly(otherSub);
        JsonNode row = a.get("/api/v1/seller/subscriptions?status=active").json().get("data").get(0);
        assertThat(row.get("customerEmail").asText()).isEqualTo(payer.id() + "@example.test");
        assertThat(row.get("amount").get("minor").asLong()).isEqualTo(2900);

        JsonNode figures = a.get("/api/v1/seller/subscriptions/metrics").json();
        assertThat(figures.get("mrr").toString()).isEqualTo("[{\"minor\":2900,\"currency\":\"EUR\"}]");
        assertThat(figures.get("active").asInt()).isEqualTo(1);
        assertThat(figures.get("trialing").asInt()).isEqualTo(1);
        assertThat(figures.get("churn").get("of").asInt()).as("nothing was paying 30 days ago").isZero();
        assertThat(figures.get("churn").get("basisPoints").isNull()).isTrue();
        JsonNode all = admin.client().get("/api/v1/admin/subscriptions/metrics").json();
        assertThat(all.get("mrr").get(0).get("minor").asLong()).isEqualTo(4800);
        assertThat(ids(admin.client().get("/api/v1/admin/subscriptions"))).contains(payerSub, trierSub, otherSub);

        Response bad = a.get("/api/v1/seller/subscriptions?status=gone");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(payer.client().get("/api/v1/seller/subscriptions/metrics").status()).isEqualTo(403);
        assertThat(a.get("/api/v1/admin/subscriptions").status()).isEqualTo(403);
        assertThat(e.client().get("/api/v1/seller/subscriptions").status()).isEqualTo(401);

        Document page = a.get("/seller/subscriptions").html();
        assertThat(page.select("tr.subscriber").eachAttr("id")).containsExactlyInAnyOrder("subscriber-" + payerSub, "subscriber-" + trierSub);
        assertThat(page.selectFirst(".figure-mrr").text()).isEqualTo("29.00 EUR");
        assertThat(page.select("#filter-product option").eachText()).doesNotContain(other.client().get("/api/v1/subscriptions/" + otherSub)
                .json().get("title").asText());
        assertThat(a.get("/seller/products").html().select("a[href=/seller/subscriptions]")).as("linked from the seller's pages").hasSize(1);
        Document filtered = a.get("/seller/subscriptions?status=trialing").html();
        assertThat(filtered.select("tr.subscriber").eachAttr("id")).containsExactly("subscriber-" + trierSub);
        Response wrong = a.get("/seller/subscriptions?status=%3Cb%3E");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().selectFirst("#status-error").text()).startsWith("Choose a status");
        assertThat(wrong.body()).doesNotContain("<b>");
        assertThat(sellerB.client().get("/seller/subscriptions").html().select("tr.subscriber").eachAttr("id"))
                .containsExactly("subscriber-" + otherSub);
        assertThat(admin.client().get("/admin/subscriptions").html().select("tr.subscriber").eachAttr("id"))
                .contains("subscriber-" + payerSub, "subscriber-" + trierSub, "subscriber-" + otherSub);
        assertThat(admin.client().get("/admin").html().select("a[href=/admin/subscriptions]")).hasSize(1);
        assertThat(payer.client().get("/seller/subscriptions").status()).isEqualTo(403);

        // a month on: the trial ended unpaid (no card), the monthly one renewed, then its customer cancels it
        e.clock().advance(Duration.ofDays(8));
        renewalJob(e);
        e.clock().advance(Duration.ofDays(23));
        renewalJob(e);
        TestClient payerNow = again(e, payer.id());
        assertThat(payerNow.postJson("/api/v1/subscriptions/" + payerSub + "/cancel", java.util.Map.of()).status()).isEqualTo(200);
        drain(e);
        JsonNode later = again(e, sellerA.id()).get("/api/v1/seller/subscriptions/metrics").json();
        assertThat(later.get("mrr")).as("nothing of seller A is paying now").isEmpty();
        assertThat(later.get("churn").get("count").asInt()).isEqualTo(1);
        assertThat(later.get("churn").get("of").asInt()).isEqualTo(1);
        assertThat(later.get("churn").get("basisPoints").asInt()).isEqualTo(10_000);
        assertThat(later.get("trialConversion").get("count").asInt()).isZero();
        assertThat(later.get("trialConversion").get("of").asInt()).isEqualTo(1);
        assertThat(later.get("trialConversion").get("basisPoints").asInt()).isZero();
        assertThat(again(e, sellerA.id()).get("/seller/subscriptions").html().selectFirst(".figure-churn").text()).startsWith("100.00 %");
    }

    private static List<String> ids(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("data").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
