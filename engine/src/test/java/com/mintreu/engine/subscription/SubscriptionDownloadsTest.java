package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * Downloads of new releases stop with the subscription: releases published while it lasts stay
 * downloadable for good, a later one is refused, on the link, the order page and the API.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SubscriptionDownloadsTest {

    @EngineTest
    void releasesDuringTheSubscriptionStayDownloadableAndALaterOneIsRefused(TestEngine e) {
        TestUsers.User sellerUser = TestUsers.signIn(e, "seller");
        String plan = recurringPlan(e, sellerUser.client(), monthly(2900, 0));
        String product = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :id").bind("id", plan).mapTo(String.class).one());
        String v1 = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM releases WHERE product_id = :p").bind("p", product).mapTo(String.class).one());
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        String orderId = placed.get("orderId").asText();
        JsonNode sub = subscription(buyer.client());
        String firstEnd = sub.get("currentPeriodEndAt").asText();
        assertThat(download(buyer.client(), orderId).get("updatesUntil").asLong()).as("the first period's end")
                .isEqualTo(Instant.parse(firstEnd).toEpochMilli());

        // v2 comes out during the subscription: the link serves it
        e.clock().advance(Duration.ofDays(3));
        String v2 = release(again(e, sellerUser.id()), product, "2.0.0");
        TestClient customer = again(e, buyer.id());
        String link = download(customer, orderId).get("downloadUrl").asText();
        assertThat(fetch(customer, link).body()).isEqualTo("PK-2.0.0");

        // a renewal moves the time to the second period's end
        advancePast(e, firstEnd);
        renewalJob(e);
        customer = again(e, buyer.id());
        String secondEnd = subscription(customer).get("currentPeriodEndAt").asText();
        assertThat(secondEnd).isNotEqualTo(firstEnd);
        assertThat(download(customer, orderId).get("updatesUntil").asLong()).isEqualTo(Instant.parse(secondEnd).toEpochMilli());

        // canceled at the period end: when it takes effect the time stays there, and v3 after it is refused
        Response canceling = customer.postJson("/api/v1/subscriptions/" + sub.get("id").asText() + "/cancel-at-period-end", Map.of());
        assertThat(canceling.status()).as(canceling.body()).isEqualTo(200);
        advancePast(e, secondEnd);
        renewalJob(e);
        customer = again(e, buyer.id());
        assertThat(subscription(customer).get("status").asText()).isEqualTo("canceled");
        e.clock().advance(Duration.ofDays(2));
        String v3 = release(again(e, sellerUser.id()), product, "3.0.0");
        JsonNode ent = download(customer, orderId);
        assertThat(ent.get("updatesUntil").asLong()).as("fixed at the access end").isEqualTo(Instant.parse(secondEnd).toEpochMilli());
        assertThat(ent.get("laterVersion").asText()).isEqualTo("3.0.0");
        link = ent.get("downloadUrl").asText();

        Response refused = fetch(customer, link + "&release=" + v3);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("RELEASE_AFTER_UPDATES").contains("came out after your subscription ended on " + secondEnd.substring(0, 10));
        Response themed = e.client().send("GET", link + "&release=" + v3, null, new byte[0], Map.of("Accept", "text/html"));
        assertThat(themed.status()).isEqualTo(403);
        assertThat(themed.html().select("#error-title + p").text()).as("a browser gets the themed page with the sentence")
                .isEqualTo("This release (3.0.0) came out after your subscription ended on " + secondEnd.substring(0, 10));
        assertThat(themed.html().select("code").text()).isEqualTo("RELEASE_AFTER_UPDATES");
        assertThat(fetch(customer, link + "&release=" + v2).body()).isEqualTo("PK-2.0.0");
        assertThat(fetch(customer, link + "&release=" + v1).body()).isEqualTo("PK-tool");
        assertThat(fetch(customer, link).body()).as("without a choice: the newest release it covers").isEqualTo("PK-2.0.0");
        assertThat(fetch(customer, link + "&release=rel_nope").status()).isEqualTo(404);
        assertThat(SubscriptionFixture.count(e, "SELECT uses FROM entitlements WHERE order_id = ? AND kind = 'download'", orderId))
                .as("a refused download takes no use").isEqualTo(4);

        Document page = customer.get("/account/orders/" + orderId).html();
        assertThat(page.select(".entitlement-download .updates-until").text()).startsWith("Updates until");
        assertThat(page.select(".entitlement-download .later-release").text())
                .contains("3.0.0").contains("This release came out after your subscription ended on");
        assertThat(customer.get("/account/downloads").html().select(".updates-until").text()).startsWith("Updates until");

    }

    @EngineTest
    void pastDueKeepsUpdatesForTheGraceAndItsEndFixesThem(TestEngine e) {
        TestUsers.User sellerUser = TestUsers.signIn(e, "seller");
        String plan = recurringPlan(e, sellerUser.client(), monthly(900, 0));
        String product = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :id").bind("id", plan).mapTo(String.class).one());
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), SubscriptionFixture.DECLINING_CARD);
        drain(e);
        String orderId = placed.get("orderId").asText();
        long firstEnd = Instant.parse(subscription(buyer.client()).get("currentPeriodEndAt").asText()).toEpochMilli();

        advancePast(e, Instant.ofEpochMilli(firstEnd).toString());
        renewalJob(e);
        long failedAt = e.clock().millis();
        assertThat(subscription(again(e, buyer.id())).get("status").asText()).isEqualTo("past_due");
        long grace = download(again(e, buyer.id()), orderId).get("updatesUntil").asLong();
        assertThat(grace).as("past due: until the grace's end, past the period's end").isGreaterThan(firstEnd);

        e.clock().advance(Duration.ofDays(2));
        String v2 = release(again(e, sellerUser.id()), product, "2.0.0");
        for (int day : new int[] {1, 3, 5, 7}) {
            long at = failedAt + Duration.ofDays(day).plusMinutes(1).toMillis();
            if (at > e.clock().millis()) {
                e.clock().advance(Duration.ofMillis(at - e.clock().millis()));
            }
            renewalJob(e);
        }
        TestClient customer = again(e, buyer.id());
        assertThat(subscription(customer).get("status").asText()).as("every retry declined").isEqualTo("canceled");
        long ended = download(customer, orderId).get("updatesUntil").asLong();
        assertThat(ended).as("fixed at the access end").isLessThanOrEqualTo(e.clock().millis()).isGreaterThan(firstEnd);

        e.clock().advance(Duration.ofDays(1));
        String v3 = release(again(e, sellerUser.id()), product, "3.0.0");
        String link = download(customer, orderId).get("downloadUrl").asText();
        assertThat(fetch(customer, link + "&release=" + v2).body()).as("released during the grace").isEqualTo("PK-2.0.0");
        Response refused = fetch(customer, link + "&release=" + v3);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("RELEASE_AFTER_UPDATES");
    }

    @EngineTest
    void aOneTimePurchaseGetsEveryRelease(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = recurringPlan(e, seller.client(), Map.of("name", "Forever", "priceMinor", 9900, "currency", "EUR", "grants", "updates"));
        String product = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :id").bind("id", plan).mapTo(String.class).one());
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(customer.client(), plan);
        payOnSandbox(customer.client(), placed.get("paymentUrl").asText(), null);
        drain(e);
        e.clock().advance(Duration.ofDays(400));
        release(again(e, seller.id()), product, "9.0.0");
        JsonNode ent = download(again(e, customer.id()), placed.get("orderId").asText());
        assertThat(ent.hasNonNull("updatesUntil")).isFalse();
        assertThat(fetch(e.client(), ent.get("downloadUrl").asText()).body()).isEqualTo("PK-9.0.0");
    }

    private static String release(TestClient seller, String product, String version) {
        Response r = seller.postBytes("/api/v1/seller/products/" + product + "/releases?version=" + version + "&fileName=tool.zip",
                "application/octet-stream", ("PK-" + version).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The order's download entitlement as its owner's API shows it. */
    private static JsonNode download(TestClient customer, String orderId) {
        for (JsonNode ent : customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data")) {
            if (ent.get("kind").asText().equals("download")) {
                return ent;
            }
        }
        throw new AssertionError("order " + orderId + " granted no download");
    }

    private static Response fetch(TestClient client, String link) {
        return client.send("GET", link, null, new byte[0], Map.of("Accept", "application/json"));
    }
}
