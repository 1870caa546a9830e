package com.mintreu.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.List;
import java.util.Map;

@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class ApiTokenTest {

    @EngineTest
    void aTokenIsShownOnceStoredHashedAndWorksUntilRevoked(TestEngine engine) {
        TestClient owner = AccountFixtures.newUser(engine, "tokens");
        Response created = owner.postJson("/api/v1/tokens", Map.of("name", "build server"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertThat(secret).matches("mk_live_[0-9A-Za-z]{38}");
        assertThat(created.json().get("prefix").asText()).isEqualTo(secret.substring(0, 12));

        JsonNode listed = owner.get("/api/v1/tokens").json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("build server");
        assertThat(listed.toString()).doesNotContain(secret).doesNotContain(secret.substring(12));

        List<Map<String, Object>> rows = engine.jdbi().withHandle(h -> h.createQuery("SELECT * FROM api_tokens").mapToMap().list());
        assertThat(rows.toString()).doesNotContain(secret.substring(12, 30));
        assertThat(rows.stream().map(r -> r.get("token_hash")).toList()).contains(com.mintreu.engine.security.Tokens.sha256(secret));

        TestClient api = engine.client().bearer(secret);
        Response me = api.get("/api/v1/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asText()).isEqualTo(owner.get("/api/v1/auth/me").json().at("/user/email").asText());
        assertThat(owner.get("/api/v1/tokens").json().at("/data/0/lastUsedAt").isTextual()).isTrue();

        char last = secret.charAt(secret.length() - 1);
        String typo = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        Response typoed = engine.client().bearer(typo).get("/api/v1/auth/me");
        assertThat(typoed.status()).isEqualTo(401);
        assertThat(typoed.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");

        assertThat(owner.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me").status()).as("revoked at once").isEqualTo(401);
        assertThat(owner.get("/api/v1/tokens").json().at("/data/0/revoked").asBoolean()).isTrue();
    }

    @EngineTest
    void anotherUsersTokenIsNotFoundAndTokensCannotMintTokens(TestEngine engine) {
        TestClient alice = AccountFixtures.newUser(engine, "alice");
        TestClient bob = AccountFixtures.newUser(engine, "bob");
        Response created = alice.postJson("/api/v1/tokens", Map.of("name", "alice's"));
        String id = created.json().get("id").asText();
        String secret = created.json().get("token").asText();

        Response stolen = bob.delete("/api/v1/tokens/" + id);
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(bob.post("/account/tokens/" + id + "/revoke", null, "").status()).isIn(403, 404, 415);
        assertThat(engine.client().bearer(secret).get("/api/v1/auth/me").status()).isEqualTo(200);
        assertThat(bob.get("/api/v1/tokens").json().get("data")).isEmpty();

        TestClient api = engine.client().bearer(secret);
        Response mint = api.postJson("/api/v1/tokens", Map.of("name", "more"));
        assertThat(mint.status()).isEqualTo(403);
        assertThat(mint.json().get("code").asText()).isEqualTo("SESSION_REQUIRED");
        assertThat(api.postJson("/api/v1/auth/change-password", Map.of("currentPassword", "x", "newPassword", "y")).json().get("code").asText())
                .isEqualTo("SESSION_REQUIRED");
        assertThat(api.get("/api/v1/tokens").status()).as("a token may list its owner's tokens").isEqualTo(200);
        assertThat(api.delete("/api/v1/tokens/" + id).status()).as("and revoke itself").isEqualTo(204);
        assertThat(engine.client().get("/api/v1/tokens").status()).isEqualTo(401);
    }

    @EngineTest
    void tokensPageCreatesShowsOnceAndRevokes(TestEngine engine) {
        TestClient browser = AccountFixtures.newUser(engine, "tokpage");
        Response created = browser.submitForm("/account/tokens", "#token-form", Map.of("name", "laptop"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.html().select("#new-token").attr("value");
        assertThat(secret).startsWith("mk_live_");
        Response list = browser.get("/account/tokens");
        assertThat(list.body()).doesNotContain(secret).contains(secret.substring(0, 12));
        assertThat(engine.client().bearer(secret).get("/api/v1/auth/me").status()).isEqualTo(200);

        String action = list.html().select("form[action$=/revoke]").attr("action");
        Response revoked = browser.submitForm("/account/tokens", "form[action=" + action + "]", Map.of());
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(browser.get(revoked.header("Location")).html().select(".notice.ok").text()).contains("revoked");
        assertThat(engine.client().bearer(secret).get("/api/v1/auth/me").status()).isEqualTo(401);

        Response empty = browser.submitForm("/account/tokens", "#token-form", Map.of("name", "  "));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.html().select("#name-error").text()).contains("required");
    }

    @EngineTest
    void changingOrResettingThePasswordRevokesEveryToken(TestEngine engine) {
        String email = AccountFixtures.email("pw-tokens");
        AccountFixtures.register(engine, email);
        TestClient owner = AccountFixtures.signedIn(engine, email, AccountFixtures.PASSWORD);
        String first = owner.postJson("/api/v1/tokens", Map.of("name", "one")).json().get("token").asText();
        String second = owner.postJson("/api/v1/tokens", Map.of("name", "two")).json().get("token").asText();
        assertThat(engine.client().bearer(first).get("/api/v1/auth/me").status()).isEqualTo(200);

        Response changed = owner.postJson("/api/v1/auth/change-password",
                Map.of("currentPassword", AccountFixtures.PASSWORD, "newPassword", "a brand new password"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(engine.client().bearer(first).get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(engine.client().bearer(second).get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/tokens").json().get("data")).allMatch(t -> t.get("revoked").asBoolean());

        String third = owner.postJson("/api/v1/tokens", Map.of("name", "after")).json().get("token").asText();
        assertThat(engine.client().bearer(third).get("/api/v1/auth/me").status()).as("new tokens work").isEqualTo(200);
        engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", email));
        Response reset = engine.client().postJson("/api/v1/auth/reset-password",
                Map.of("token", AccountFixtures.tokenInLastMail(engine, email), "password", "yet another password"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(engine.client().bearer(third).get("/api/v1/auth/me").status()).as("a reset revokes too").isEqualTo(401);
    }
}
