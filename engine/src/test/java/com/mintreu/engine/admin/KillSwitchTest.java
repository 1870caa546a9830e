package com.mintreu.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;

/** Kill switches through HTTP: who may flip them, what each seam answers, audit rows, and a second node on the same database. */
class KillSwitchTest {

    /** The engine is shared by this class's tests: each starts with every switch released. */
    static TestUsers.User freshAdmin(TestEngine engine) {
        TestUsers.User admin = TestUsers.signIn(engine, "admin");
        for (KillSwitch k : KillSwitch.values()) {
            assertThat(admin.client().putJson("/api/v1/admin/switches/" + k.id(), Map.of("engaged", false)).status()).isEqualTo(200);
        }
        return admin;
    }

    @EngineTest
    void onlyAdminsSeeOrFlipSwitches(TestEngine engine) {
        for (String role : new String[] {"customer", "seller"}) {
            TestClient c = TestUsers.signIn(engine, role).client();
            assertThat(c.get("/api/v1/admin/switches").status()).as(role).isEqualTo(403);
            assertThat(c.putJson("/api/v1/admin/switches/payments", Map.of("engaged", true)).status()).as(role).isEqualTo(403);
            assertThat(c.get("/admin/switches").status()).as(role).isEqualTo(403);
        }
        assertThat(engine.client().get("/api/v1/admin/switches").status()).isEqualTo(401);
        TestClient admin = freshAdmin(engine).client();
        assertThat(admin.putJson("/api/v1/admin/switches/nope", Map.of("engaged", true)).status()).isEqualTo(404);
        Response bad = admin.putJson("/api/v1/admin/switches/payments", Map.of("reason", "no flag"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        JsonNode all = admin.get("/api/v1/admin/switches").json().get("data");
        assertThat(all.findValuesAsText("id")).containsExactly("payments", "downloads", "license-activations", "gateway", "referrals", "support", "assistant");
        assertThat(all.findValuesAsText("engaged")).containsOnly("false");
    }

    @EngineTest
    void paymentsOffStopsCheckoutWithItsOwnCodeAndIsAudited(TestEngine engine) {
        TestUsers.User admin = freshAdmin(engine);
        TestClient customer = TestUsers.signIn(engine, "customer").client();
        Response flipped = admin.client().putJson("/api/v1/admin/switches/payments", Map.of("engaged", true, "reason", "gateway incident"));
        assertThat(flipped.status()).as(flipped.body()).isEqualTo(200);
        assertThat(flipped.json().get("engaged").asBoolean()).isTrue();

        Response r = customer.postJson("/api/v1/checkout", Map.of());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("PAYMENTS_DISABLED");

        admin.client().putJson("/api/v1/admin/switches/payments", Map.of("engaged", false, "reason", "fixed"));
        assertThat(customer.postJson("/api/v1/checkout", Map.of()).json().get("code").asText()).as("back to the normal rules").isEqualTo("CART_EMPTY");

        JsonNode rows = admin.client().get("/api/v1/admin/audit?subjectType=switch&subjectId=payments&actor=" + admin.id()).json().get("data");
        assertThat(rows).hasSize(3); // released (fresh start), engaged, released
        JsonNode engage = rows.get(1);
        assertThat(engage.get("action").asText()).isEqualTo("switch.engage");
        assertThat(engage.get("actorId").asText()).isEqualTo(admin.id());
        assertThat(engage.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(engage.get("detail").get("before").asText()).isEqualTo("on");
        assertThat(engage.get("detail").get("after").asText()).isEqualTo("off");
        assertThat(engage.get("detail").get("reason").asText()).isEqualTo("gateway incident");
        assertThat(rows.get(0).get("action").asText()).isEqualTo("switch.release");
    }

    @EngineTest
    void downloadsOffAnswers503BeforeAnyLinkCheck(TestEngine engine) {
        TestClient admin = freshAdmin(engine).client();
        assertThat(engine.client().get("/downloads/ent_x?exp=1&kid=k&sig=s").status()).isNotEqualTo(503);
        admin.putJson("/api/v1/admin/switches/downloads", Map.of("engaged", true));
        Response r = engine.client().get("/downloads/ent_x?exp=1&kid=k&sig=s");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("Downloads are paused");
    }

    @EngineTest
    void theAdminPageFlipsASwitch(TestEngine engine) {
        TestClient admin = freshAdmin(engine).client();
        Response posted = admin.submitForm("/admin/switches", "form[action='/admin/switches/downloads']", Map.of("reason", "storage down"));
        assertThat(posted.status()).as(posted.body()).isIn(200, 302, 303);
        assertThat(admin.get("/admin/switches").html().select("#switch-downloads").text()).contains("OFF");
        assertThat(admin.get("/admin/switches").body()).contains("storage down");
        assertThat(engine.client().get("/downloads/ent_x").status()).isEqualTo(503);
    }

    @EngineTest
    void aSecondNodeOnTheSameDatabaseSeesTheSwitchWithinTheTtl(TestEngine engine) throws Exception {
        TestClient admin = freshAdmin(engine).client();
        try (TestEngine node2 = TestEngine.secondNode(engine, "")) {
            TestClient customer2 = TestUsers.signIn(node2, "customer").client();
            assertThat(customer2.postJson("/api/v1/checkout", Map.of()).json().get("code").asText()).isEqualTo("CART_EMPTY");
            admin.putJson("/api/v1/admin/switches/payments", Map.of("engaged", true));
            long start = System.nanoTime();
            String code = "";
            while (System.nanoTime() - start < 5_000_000_000L) {
                code = customer2.postJson("/api/v1/checkout", Map.of()).json().get("code").asText();
                if (code.equals("PAYMENTS_DISABLED")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(code).isEqualTo("PAYMENTS_DISABLED");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until node 2 obeyed").isLessThan(KillSwitches.TTL_NANOS / 1_000_000 + 1000);
        }
    }
}
