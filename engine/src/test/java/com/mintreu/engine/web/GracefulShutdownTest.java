package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void inFlightRequestsFinishWhenTheEngineStops() throws Exception {
        TestEngine engine = TestEngine.boot("sqlite", "");
        CountDownLatch entered = new CountDownLatch(1);
        engine.engine().component().router().get("/api/v1/test-slow", x -> {
            entered.countDown();
            Thread.sleep(800);
            x.json(200, Map.of("finished", true));
        });
        TestClient client = engine.client();
        CompletableFuture<TestClient.Response> slow = CompletableFuture.supplyAsync(() -> client.get("/api/v1/test-slow"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        engine.close();
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        TestClient.Response response = slow.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("finished").asBoolean()).isTrue();
        assertThat(stopMillis).as("close waited for the request").isGreaterThanOrEqualTo(300);
    }
}
