package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seller's license tools through the API on both databases: each action, its audit row, who may act, transfers. */
class LicenseLifecycleTest {

    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();
    static final long DAY = 86_400_000L;

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            FIXTURES.put(kind, LicenseFixture.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        FIXTURES.values().forEach(LicenseFixture::close);
    }

    static String path(Lic l, String action) {
        return "/api/v1/seller/licenses/" + l.id() + (action == null ? "" : "/" + action);
    }

    static JsonNode ok(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static void conflict(Response r, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
    }

    static Response post(TestClient c, String path) {
        return c.post(path, null, "");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyActionChangesTheLicenseAndIsAudited(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Lic lic = f.license(Map.of("durationSeconds", 30 * 86_400));
        long expires = ok(seller.get(path(lic, null))).get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis);

        assertThat(ok(post(seller, path(lic, "suspend"))).get("status").asText()).isEqualTo("suspended");
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("false SUSPENDED");
        conflict(post(seller, path(lic, "suspend")), "LICENSE_NOT_ACTIVE");
        assertThat(ok(post(seller, path(lic, "reinstate"))).get("status").asText()).isEqualTo("active");
        conflict(post(seller, path(lic, "reinstate")), "LICENSE_NOT_SUSPENDED");
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("true VALID");

        assertThat(ok(seller.postJson(path(lic, "extend"), Map.of("days", 10))).get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isEqualTo(expires + 10 * DAY);
        assertThat(seller.postJson(path(lic, "extend"), Map.of("days", 0)).status()).isEqualTo(422);
        // renewal adds one policy term to the later of now and the expiry
        assertThat(ok(post(seller, path(lic, "renew"))).get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isEqualTo(expires + 40 * DAY);
        assertThat(f.validate(lic, null).get("license").get("expiresAt").asLong()).as("the client sees the new expiry")
                .isEqualTo(expires + 40 * DAY);

        JsonNode revoked = ok(seller.postJson(path(lic, "revoke"), Map.of("reason", "chargeback")));
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        for (String action : List.of("suspend", "reinstate", "renew", "revoke")) {
            conflict(post(seller, path(lic, action)), "LICENSE_REVOKED");
        }
        conflict(seller.postJson(path(lic, "extend"), Map.of("days", 1)), "LICENSE_REVOKED");
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("false REVOKED");

        JsonNode audit = ok(seller.get(path(lic, null))).get("audit");
        List<String> actions = new ArrayList<>();
        audit.forEach(a -> {
            actions.add(a.get("action").asText());
            assertThat(a.get("actorId").asText()).isEqualTo(f.seller.id());
            assertThat(a.get("actorRole").asText()).isEqualTo("seller");
        });
        assertThat(actions).containsExactly("license.suspend", "license.reinstate", "license.extend", "license.renew", "license.revoke");
        assertThat(audit.get(4).get("detail").get("reason").asText()).isEqualTo("chargeback");
        assertThat(audit.get(2).get("detail").get("days").asInt()).isEqualTo(10);
        long rows = f.e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE subject_id = :id").bind("id", lic.id())
                .mapTo(Long.class).one());
        assertThat(rows).as("refused actions leave no audit row").isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void perpetualLicensesCannotBeRenewedOrExtended(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic lic = f.license(null);
        conflict(post(f.seller.client(), path(lic, "renew")), "LICENSE_PERPETUAL");
        conflict(f.seller.client().postJson(path(lic, "extend"), Map.of("days", 5)), "LICENSE_PERPETUAL");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyTheProductsSellerOrAnAdminMayActOrSee(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic lic = f.license(null);
        TestClient otherSeller = TestUsers.signIn(f.e, "seller").client();
        TestClient customer = lic.customer().client();
        TestClient anonymous = f.e.client();

        assertThat(otherSeller.get(path(lic, null)).status()).isEqualTo(404);
        assertThat(post(otherSeller, path(lic, "suspend")).status()).isEqualTo(404);
        assertThat(otherSeller.postJson(path(lic, "extend"), Map.of("days", 1)).status()).isEqualTo(404);
        assertThat(ok(otherSeller.get("/api/v1/seller/licenses")).get("data").findValuesAsText("id")).doesNotContain(lic.id());
        assertThat(customer.get(path(lic, null)).status()).isEqualTo(403);
        assertThat(post(customer, path(lic, "suspend")).status()).isEqualTo(403);
        assertThat(anonymous.get(path(lic, null)).status()).isEqualTo(401);
        assertThat(post(anonymous, path(lic, "revoke")).status()).isEqualTo(401);
        String status = f.e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM licenses WHERE id = :id").bind("id", lic.id())
                .mapTo(String.class).one());
        assertThat(status).isEqualTo("active");

        assertThat(ok(post(f.admin, path(lic, "suspend"))).get("status").asText()).isEqualTo("suspended");
        assertThat(ok(post(f.seller.client(), path(lic, "reinstate"))).get("status").asText()).isEqualTo("active");
        JsonNode audit = ok(f.admin.get(path(lic, null))).get("audit");
        assertThat(audit.get(0).get("actorRole").asText()).isEqualTo("admin");
        assertThat(audit.get(1).get("actorRole").asText()).isEqualTo("seller");
        assertThat(post(f.seller.client(), "/api/v1/seller/licenses/lic_nope/suspend").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void listSearchesAndFilters(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Lic a = f.license(null);
        Lic b = f.license(null);
        ok(post(seller, path(b, "suspend")));
        f.validate(a, null);
        f.validate(a, null);

        String email = a.customer().id() + "@example.test";
        assertThat(ok(seller.get("/api/v1/seller/licenses?email=" + email)).get("data").findValuesAsText("id")).containsExactly(a.id());
        assertThat(ok(seller.get("/api/v1/seller/licenses?product=" + b.productId())).get("data").findValuesAsText("id")).containsExactly(b.id());
        assertThat(ok(seller.get("/api/v1/seller/licenses?status=suspended")).get("data").findValuesAsText("id")).contains(b.id())
                .doesNotContain(a.id());
        String prefix = java.net.URLEncoder.encode(a.key().substring(0, a.key().length() - 10), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ok(seller.get("/api/v1/seller/licenses?q=" + prefix)).get("data").findValuesAsText("id")).containsExactly(a.id());
        assertThat(seller.get("/api/v1/seller/licenses?status=bogus").status()).isEqualTo(422);

        JsonNode page1 = ok(seller.get("/api/v1/seller/licenses?limit=1"));
        assertThat(page1.get("data")).hasSize(1);
        JsonNode page2 = ok(seller.get("/api/v1/seller/licenses?limit=1&cursor=" + page1.get("nextCursor").asText()));
        assertThat(page2.get("data").get(0).get("id").asText()).isNotEqualTo(page1.get("data").get(0).get("id").asText());

        JsonNode detail = ok(seller.get(path(a, null)));
        assertThat(detail.get("validationCount").asLong()).isEqualTo(2);
        assertThat(detail.get("lastValidatedAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isPositive();
        assertThat(detail.get("customerEmail").asText()).isEqualTo(email);
        assertThat(detail.get("machines")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void transferFollowsThePolicy(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        TestUsers.User next = TestUsers.signIn(f.e, "customer");
        String nextEmail = next.id() + "@example.test";

        Lic refused = f.license(null);
        conflict(seller.postJson(path(refused, "transfer"), Map.of("email", nextEmail)), "TRANSFER_NOT_ALLOWED");

        Lic lic = f.license(Map.of("transferAllowed", true));
        assertThat(LicenseFixture.answer(f.activate(lic, "fp-old"))).isEqualTo("true ACTIVATED");
        assertThat(seller.postJson(path(lic, "transfer"), Map.of("email", "nobody@example.test")).status()).isEqualTo(422);
        conflict(seller.postJson(path(lic, "transfer"), Map.of("email", lic.customer().id() + "@example.test")), "SAME_CUSTOMER");

        JsonNode moved = ok(seller.postJson(path(lic, "transfer"), Map.of("email", nextEmail)));
        assertThat(moved.get("customerId").asText()).isEqualTo(next.id());
        assertThat(moved.get("machines")).as("the old owner's machines are removed").isEmpty();
        assertThat(next.client().get("/api/v1/licenses/" + lic.id()).status()).isEqualTo(200);
        assertThat(lic.customer().client().get("/api/v1/licenses/" + lic.id()).status()).isEqualTo(404);
        assertThat(next.client().get("/api/v1/entitlements/" + lic.entitlementId()).status()).as("the entitlement moved too").isEqualTo(200);
        assertThat(LicenseFixture.answer(f.validate(lic, null))).as("the old key").isEqualTo("false NOT_FOUND");
        Lic reissued = new Lic(moved.get("key").asText(), lic.id(), lic.entitlementId(), lic.productId(), lic.planId(), next);
        assertThat(LicenseFixture.answer(f.validate(reissued, null))).isEqualTo("true VALID");
        JsonNode audit = moved.get("audit");
        JsonNode last = audit.get(audit.size() - 1);
        assertThat(last.get("action").asText()).isEqualTo("license.transfer");
        assertThat(last.get("detail").get("toCustomer").asText()).isEqualTo(next.id());
        assertThat(last.get("detail").get("machinesRemoved").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSellerPageListsAndActsThroughCsrfForms(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Lic lic = f.license(Map.of("durationSeconds", 86_400 * 30));
        String email = lic.customer().id() + "@example.test";

        Response page = seller.get("/seller/licenses?email=" + email);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#license-" + lic.id())).hasSize(1);
        assertThat(TestUsers.signIn(f.e, "seller").client().get("/seller/licenses").html().select("#license-" + lic.id())).isEmpty();

        assertThat(seller.postForm("/seller/licenses/" + lic.id() + "/suspend", Map.of()).status()).as("no CSRF token").isEqualTo(403);
        Response suspended = seller.submitForm("/seller/licenses?email=" + email,
                "form[action=/seller/licenses/" + lic.id() + "/suspend]", Map.of());
        assertThat(suspended.status()).isIn(302, 303);
        Response extended = seller.submitForm("/seller/licenses?email=" + email,
                "form[action=/seller/licenses/" + lic.id() + "/extend]", Map.of("days", "5"));
        assertThat(extended.status()).isIn(302, 303);
        JsonNode detail = ok(seller.get(path(lic, null)));
        assertThat(detail.get("status").asText()).isEqualTo("suspended");
        assertThat(detail.get("audit").findValuesAsText("action")).containsExactly("license.suspend", "license.extend");
        assertThat(seller.get("/seller/licenses?email=" + email).html().select("form[action=/seller/licenses/" + lic.id() + "/reinstate]"))
                .hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellerIssuesAManualLicenseWithoutAnOrder(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        var item = f.product();
        TestUsers.User customer = TestUsers.signIn(f.e, "customer");
        Map<String, Object> body = Map.of("planId", item.planId(), "email", customer.id() + "@example.test", "days", 30);

        assertThat(TestUsers.signIn(f.e, "seller").client().postJson("/api/v1/seller/licenses", body).status()).as("another seller's plan")
                .isEqualTo(404);
        assertThat(customer.client().postJson("/api/v1/seller/licenses", body).status()).isEqualTo(403);
        assertThat(seller.postJson("/api/v1/seller/licenses", Map.of("planId", item.planId(), "email", "nobody@example.test")).status())
                .isEqualTo(422);

        Response issued = seller.postJson("/api/v1/seller/licenses", body);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode lic = issued.json();
        assertThat(lic.get("customerId").asText()).isEqualTo(customer.id());
        assertThat(lic.get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isCloseTo(f.e.clock().millis() + 30 * DAY, org.assertj.core.api.Assertions.within(60_000L));
        assertThat(lic.get("audit").get(0).get("action").asText()).isEqualTo("license.issue");
        assertThat(customer.client().get("/api/v1/licenses/" + lic.get("id").asText()).status()).isEqualTo(200);
        JsonNode valid = f.call("/api/v1/licenses/validate", Map.of("key", lic.get("key").asText()));
        assertThat(LicenseFixture.answer(valid)).isEqualTo("true VALID");

        Response again = seller.postJson("/api/v1/seller/licenses", body);
        assertThat(again.status()).as("a second manual license for the same plan and customer").isEqualTo(201);
        assertThat(again.json().get("id").asText()).isNotEqualTo(lic.get("id").asText());
        JsonNode ents = customer.client().get("/api/v1/entitlements").json().get("data");
        assertThat(ents).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void racingManualIssuesWithOneIdempotencyKeyMakeOneLicense(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        var item = f.product();
        TestUsers.User customer = TestUsers.signIn(f.e, "customer");
        Map<String, Object> body = Map.of("planId", item.planId(), "email", customer.id() + "@example.test", "days", 30);
        Map<String, String> key = Map.of("Idempotency-Key", "issue-once");

        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return seller.postJson("/api/v1/seller/licenses", body, key);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            int created = 0;
            for (var a : answers) {
                Response r = a.get();
                assertThat(r.status()).as(r.body()).isIn(200, 201);
                if (r.status() == 201) {
                    created++;
                } else {
                    assertThat(r.header("Idempotent-Replayed")).isEqualTo("true");
                }
                ids.add(r.json().get("id").asText());
            }
            assertThat(created).as("one request issues").isEqualTo(1);
            assertThat(new HashSet<>(ids)).as("every answer names the same license").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(customer.client().get("/api/v1/licenses").json().get("data")).hasSize(1);
        assertThat(customer.client().get("/api/v1/entitlements").json().get("data")).as("no orphaned entitlement").hasSize(1);

        Response later = seller.postJson("/api/v1/seller/licenses", body, key);
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().get("audit")).as("one issue in the history").hasSize(1);
        Response other = seller.postJson("/api/v1/seller/licenses", Map.of("planId", item.planId(), "email", customer.id() + "@example.test",
                "days", 31), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(seller.postJson("/api/v1/seller/licenses", body, Map.of("Idempotency-Key", "x".repeat(129))).status()).isEqualTo(422);
        assertThat(seller.postJson("/api/v1/seller/licenses", body, Map.of("Idempotency-Key", "issue-twice")).status())
                .as("another key issues another license").isEqualTo(201);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aManualLicenseUsesTheSchemeTheSellerChoseForTheProduct(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        TestUsers.User customer = TestUsers.signIn(f.e, "customer");
        String email = customer.id() + "@example.test";

        var shortKeys = f.product(Map.of("licenseScheme", "license-short"));
        Response issued = seller.postJson("/api/v1/seller/licenses", Map.of("planId", shortKeys.planId(), "email", email));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().get("audit").get(0).get("detail").get("scheme").asText()).isEqualTo("license-short");
        assertThat(issued.json().get("key").asText()).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
        assertThat(LicenseFixture.answer(f.call("/api/v1/licenses/validate", Map.of("key", issued.json().get("key").asText()))))
                .isEqualTo("true VALID");

        var signedKeys = f.product();
        Response signed = seller.postJson("/api/v1/seller/licenses", Map.of("planId", signedKeys.planId(), "email", email));
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        assertThat(signed.json().get("audit").get(0).get("detail").get("scheme").asText()).isEqualTo("license-ed25519");

        var download = com.mintreu.engine.entitlement.Purchases.publish(seller, f.seller.id(), f.admin, "download", "Just a file", Map.of(), "f.zip", new byte[] {1, 2, 3});
        Response none = seller.postJson("/api/v1/seller/licenses", Map.of("planId", download.planId(), "email", email));
        assertThat(none.status()).as(none.body()).isEqualTo(422);
        assertThat(none.body()).contains("without license keys");
    }
}
