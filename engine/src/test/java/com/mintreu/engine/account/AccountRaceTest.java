package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.List;
import java.util.Map;

/** Limited things taken by racing requests: exactly one winner, the rest a clean 4xx, never a 500. */
@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class AccountRaceTest {

    private static final int RACERS = 8;

    @EngineTest
    void oneResetLinkResetsOnce(TestEngine engine) throws Exception {
        String email = AccountFixtures.email("race");
        AccountFixtures.register(engine, email);
        engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", email));
        String token = AccountFixtures.tokenInLastMail(engine, email);
        List<Integer> statuses = Race.of(RACERS, i -> engine.client().postJson("/api/v1/auth/reset-password",
                Map.of("token", token, "password", "racer number " + i + " wins")).status());
        assertThat(statuses).containsOnlyOnce(204).doesNotContain(500);
        assertThat(statuses.stream().filter(s -> s == 400).count()).isEqualTo(RACERS - 1);
    }

    @EngineTest
    void oneEmailRegistersOnce(TestEngine engine) throws Exception {
        String email = AccountFixtures.email("twins");
        List<Integer> statuses = Race.of(RACERS, i -> engine.client().postJson("/api/v1/auth/register",
                Map.of("email", email, "password", PASSWORD, "displayName", "Twin " + i)).status());
        assertThat(statuses).containsOnlyOnce(201).doesNotContain(500);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(RACERS - 1);
    }

    @EngineTest
    void oneOpenSellerApplicationAtATime(TestEngine engine) throws Exception {
        TestClient customer = AccountFixtures.newUser(engine, "eager");
        List<Integer> statuses = Race.of(RACERS, i -> customer.postJson("/api/v1/seller-applications",
                Map.of("businessName", "Shop " + i, "description", "Racing to apply first.")).status());
        assertThat(statuses).containsOnlyOnce(201).doesNotContain(500);
        assertThat(customer.get("/api/v1/seller-applications/mine").json().get("data")).hasSize(1);
    }

    @EngineTest
    void anApplicationIsDecidedOnce(TestEngine engine) throws Exception {
        TestClient customer = AccountFixtures.newUser(engine, "decided");
        String id = customer.postJson("/api/v1/seller-applications", Map.of("businessName", "Once", "description", "Decide me exactly once."))
                .json().get("id").asText();
        TestClient admin = AccountFixtures.newAdmin(engine);
        List<Integer> statuses = Race.of(RACERS, i -> i % 2 == 0
                ? admin.post("/api/v1/admin/seller-applications/" + id + "/approve", null, "").status()
                : admin.postJson("/api/v1/admin/seller-applications/" + id + "/reject", Map.of("reason", "racer " + i)).status());
        assertThat(statuses).containsOnlyOnce(200).doesNotContain(500);
        long mails = AccountFixtures.mailsTo(engine, customer.get("/api/v1/auth/me").json().at("/user/email").asText()).stream()
                .filter(m -> m.get("subject").asText().contains("seller application")).count();
        assertThat(mails).as("one decision, one mail").isEqualTo(1);
    }
}
