package com.mintreu.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The hourly limits (429 on the form, nothing written, back after the hour) and racing first questions (one conversation). */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\nmessages: {perUserPerHour: 10, perInboxPerHour: 14}\n")
class MessageLimitsTest {

    @EngineTest
    void aPersonsHourlyLimitIsSaidOnTheFormAndWritesNothing(TestEngine e) {
        Shop shop = Shop.open(e, "Busy Pack");
        TestClient customer = shop.customer().client();
        for (int i = 0; i < 10; i++) {
            assertThat(customer.postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "Q", "body", "n" + i))
                    .status()).isEqualTo(201);
        }
        Response page = customer.submitForm(shop.productPage(), "#ask-form", Map.of("subject", "Q", "body", "one too many"));
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Retry-After")).isNotBlank();
        assertThat(page.html().select(".notice.error").text()).contains("as many messages as allowed", "try again in");
        assertThat(page.html().select("#ask-body").text()).isEqualTo("one too many");
        Response api = customer.postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "Q", "body", "api"));
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(shop.messages()).isEqualTo(10);

        // the seller still answers (their own limit), and as the hour refills the customer writes again
        String id = customer.get("/api/v1/messages").json().at("/data/0/id").asText();
        assertThat(shop.seller().client().postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "Slow down")).status()).isEqualTo(201);
        e.clock().advance(Duration.ofMinutes(7)); // greedy refill: one message back every 6 minutes
        assertThat(customer.postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "ok")).status()).isEqualTo(201);
    }

    @EngineTest
    void aSellersInboxTakesAtMostItsHourlyShareFromAllCustomers(TestEngine e) {
        Shop shop = Shop.open(e, "Popular Pack");
        List<TestUsers.User> customers = TestUsers.signIn(e.jdbi(), e.clock().millis(), e.base(), 3, "customer");
        int accepted = 0;
        for (int i = 0; i < 18; i++) {
            Response r = customers.get(i % 3).client().postJson("/api/v1/products/" + shop.item().productId() + "/questions",
                    Map.of("subject", "Q", "body", "n" + i));
            assertThat(r.status()).isIn(201, 429);
            accepted += r.status() == 201 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(14);
        assertThat(shop.messages()).isEqualTo(14);
    }

    @EngineTest
    void racingFirstQuestionsOfOneCustomerMakeOneConversation(TestEngine e) throws Exception {
        Shop shop = Shop.open(e, "Race Pack");
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return shop.customer().client().postJson("/api/v1/products/" + shop.item().productId() + "/questions",
                            Map.of("subject", "First " + k, "body", "question " + k));
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                ids.add(r.json().get("id").asText());
            }
            assertThat(ids).as("every answer names the one conversation").containsOnly(ids.getFirst());
        } finally {
            pool.shutdownNow();
        }
        assertThat(shop.conversations()).isEqualTo(1);
        assertThat(shop.messages()).isEqualTo(n);
        assertThat(shop.customer().client().get("/api/v1/messages/" + shop.customer().client().get("/api/v1/messages").json().at("/data/0/id").asText())
                .json().get("messages")).hasSize(n);
    }
}
