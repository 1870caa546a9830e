package com.mintreu.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /admin/audit}: admins only, filters, cursor pages, CSV; nothing reachable by a customer or a seller. */
class AuditPageTest {

    static final String[] PATHS = {"/admin/audit", "/api/v1/admin/audit", "/admin/audit.csv"};

    @EngineTest
    void customersAndSellersCannotReadTheLog(TestEngine engine) {
        for (String role : new String[] {"customer", "seller"}) {
            TestClient c = TestUsers.signIn(engine, role).client();
            for (String path : PATHS) {
                Response r = c.get(path);
                assertThat(r.status()).as(role + " " + path).isEqualTo(403);
                assertThat(r.body()).as(role + " " + path).doesNotContain("switch.engage");
            }
        }
        assertThat(engine.client().get("/api/v1/admin/audit").status()).isEqualTo(401);
        assertThat(engine.client().get("/admin/audit.csv").status()).isNotEqualTo(200);
    }

    @EngineTest
    void adminsFilterPageAndExport(TestEngine engine) {
        TestUsers.User admin = TestUsers.signIn(engine, "admin");
        TestUsers.User other = TestUsers.signIn(engine, "admin");
        for (int i = 0; i < 60; i++) {
            admin.client().putJson("/api/v1/admin/switches/downloads", Map.of("engaged", i % 2 == 0, "reason", "=cmd|" + i));
        }
        other.client().putJson("/api/v1/admin/switches/payments", Map.of("engaged", true, "reason", "other"));

        // cursor pages: every row once, newest first
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.client().get("/api/v1/admin/audit?actor=" + admin.id() + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(n -> ids.add(n.get("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(ids).hasSize(60).doesNotHaveDuplicates();

        JsonNode engages = admin.client().get("/api/v1/admin/audit?action=switch.eng&actor=" + admin.id()).json().get("data");
        assertThat(engages.findValuesAsText("action")).hasSize(30).containsOnly("switch.engage");
        assertThat(admin.client().get("/api/v1/admin/audit?actor=" + other.id()).json().get("data").findValuesAsText("subjectId"))
                .containsExactly("payments");
        assertThat(admin.client().get("/api/v1/admin/audit?from=2999-01-01").json().get("data")).isEmpty();
        Response bad = admin.client().get("/api/v1/admin/audit?from=yesterday");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(admin.client().get("/api/v1/admin/audit?cursor=junk").status()).isEqualTo(400);

        Response page = admin.client().get("/admin/audit?subjectId=payments&actor=" + other.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("table.audit tbody tr")).hasSize(1);
        assertThat(page.html().select("a[rel=next]")).isEmpty();
        assertThat(admin.client().get("/admin/audit").html().select("a[rel=next]")).hasSize(1);
        Response badPage = admin.client().get("/admin/audit?to=31/01/2025");
        assertThat(badPage.status()).isEqualTo(422);
        assertThat(badPage.html().select("#to-error").text()).contains("expected a date");
        assertThat(badPage.html().select("input#to").attr("value")).isEqualTo("31/01/2025");

        Response csv = admin.client().get("/admin/audit.csv?subjectId=downloads&actor=" + admin.id());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(61);
        assertThat(lines[0]).startsWith("created_at,actor_id");
        assertThat(lines[1]).contains(admin.id()).contains("\"127.0.0.1\"").contains("=cmd|59");
    }
}
