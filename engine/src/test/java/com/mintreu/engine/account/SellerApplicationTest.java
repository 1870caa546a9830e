package com.mintreu.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;

@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class SellerApplicationTest {

    private static final Map<String, String> APPLICATION = Map.of("businessName", "Acme Tools", "description", "Command-line tools for builders.");

    @EngineTest
    void customerAppliesAndAdminApprovesGrantingTheSellerRole(TestEngine engine) {
        TestClient customer = AccountFixtures.newUser(engine, "applicant");
        String email = customer.get("/api/v1/auth/me").json().at("/user/email").asText();
        Response sent = customer.postJson("/api/v1/seller-applications", APPLICATION);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().get("status").asText()).isEqualTo("pending");
        String id = sent.json().get("id").asText();

        Response second = customer.postJson("/api/v1/seller-applications", APPLICATION);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("APPLICATION_OPEN");
        assertThat(customer.get("/api/v1/seller-applications/mine").json().get("data")).hasSize(1);

        TestClient admin = AccountFixtures.newAdmin(engine);
        JsonNode queue = admin.get("/api/v1/admin/seller-applications?status=pending").json().get("data");
        assertThat(queue.findValuesAsText("id")).contains(id);

        Response approved = admin.post("/api/v1/admin/seller-applications/" + id + "/approve", null, "");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(customer.get("/api/v1/auth/me").json().at("/user/roles").toString()).contains("seller").contains("customer");
        assertThat(AccountFixtures.lastMailTo(engine, email).get("subject").asText()).contains("approved");

        Response twice = admin.post("/api/v1/admin/seller-applications/" + id + "/reject", "application/json", "{\"reason\":\"late\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("APPLICATION_DECIDED");
        assertThat(customer.postJson("/api/v1/seller-applications", APPLICATION).json().get("code").asText()).isEqualTo("ALREADY_SELLER");
    }

    @EngineTest
    void rejectNeedsAReasonAndTellsTheApplicant(TestEngine engine) {
        TestClient customer = AccountFixtures.newUser(engine, "rejected");
        String email = customer.get("/api/v1/auth/me").json().at("/user/email").asText();
        String id = customer.postJson("/api/v1/seller-applications", APPLICATION).json().get("id").asText();
        TestClient admin = AccountFixtures.newAdmin(engine);

        Response noReason = admin.postJson("/api/v1/admin/seller-applications/" + id + "/reject", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().at("/errors/0/field").asText()).isEqualTo("reason");
        Response blank = admin.postJson("/api/v1/admin/seller-applications/" + id + "/reject", Map.of("reason", "   "));
        assertThat(blank.status()).isEqualTo(422);

        Response rejected = admin.postJson("/api/v1/admin/seller-applications/" + id + "/reject", Map.of("reason", "Please describe the products."));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("reason").asText()).isEqualTo("Please describe the products.");
        JsonNode mail = AccountFixtures.lastMailTo(engine, email);
        assertThat(mail.get("text").asText()).contains("Please describe the products.");
        assertThat(customer.get("/api/v1/auth/me").json().at("/user/roles").toString()).doesNotContain("seller");
        assertThat(customer.postJson("/api/v1/seller-applications", APPLICATION).status()).as("may apply again").isEqualTo(201);
    }

    @EngineTest
    void onlyAdminsReachTheQueue(TestEngine engine) {
        TestClient customer = AccountFixtures.newUser(engine, "nosy");
        String id = customer.postJson("/api/v1/seller-applications", APPLICATION).json().get("id").asText();
        TestClient anonymous = engine.client();
        TestClient admin = AccountFixtures.newAdmin(engine);

        assertThat(anonymous.get("/api/v1/admin/seller-applications").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/admin/seller-applications/" + id + "/approve", null, "").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/seller-applications/mine").status()).isEqualTo(401);
        Response forbidden = customer.get("/api/v1/admin/seller-applications");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(customer.post("/api/v1/admin/seller-applications/" + id + "/approve", null, "").status()).isEqualTo(403);
        assertThat(customer.get("/admin/seller-applications").status()).isEqualTo(403);
        assertThat(anonymous.get("/admin/seller-applications").status()).isEqualTo(303);

        assertThat(admin.post("/api/v1/admin/seller-applications/sap_doesnotexist/approve", null, "").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/admin/seller-applications?status=bogus").status()).isEqualTo(422);

        TestClient stranger = AccountFixtures.newUser(engine, "stranger");
        assertThat(stranger.get("/api/v1/seller-applications/mine").json().get("data")).as("another user's applications stay hidden").isEmpty();
        assertThat(stranger.get("/account/seller-application").body()).doesNotContain("Acme Tools");
    }

    @EngineTest
    void applyAndDecideThroughThePages(TestEngine engine) {
        TestClient customer = AccountFixtures.newUser(engine, "pageapply");
        Response invalid = customer.submitForm("/account/seller-application", "#apply-form", Map.of("businessName", "Page Shop", "description", "short"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.html().select("#businessName").attr("value")).isEqualTo("Page Shop");
        assertThat(invalid.html().select("#description-error").text()).contains("at least 10");
        Response sent = customer.submitForm("/account/seller-application", "#apply-form",
                Map.of("businessName", "Page Shop", "description", "Fonts and icons, made by hand."));
        assertThat(sent.status()).isEqualTo(303);
        assertThat(customer.get("/account/seller-application").html().select("main").text()).contains("waiting for a decision");

        TestClient admin = AccountFixtures.newAdmin(engine);
        Response queue = admin.get("/admin/seller-applications");
        assertThat(queue.status()).isEqualTo(200);
        String action = queue.html().select("form[action$=/reject]").stream()
                .filter(f -> f.parent().text().contains("Page Shop")).findFirst().orElseThrow().attr("action");
        String id = action.split("/")[3];
        Response noReason = admin.submitForm("/admin/seller-applications", "form[action=" + action + "]", Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.html().select("#reason-error-" + id).text()).contains("required");
        Response approved = admin.submitForm("/admin/seller-applications", "form[action=/admin/seller-applications/" + id + "/approve]", Map.of());
        assertThat(approved.status()).isEqualTo(303);
        assertThat(customer.get("/account").html().select("main").text()).contains("seller").contains("You can sell");
    }
}
