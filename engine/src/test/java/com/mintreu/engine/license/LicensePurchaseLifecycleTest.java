package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A license and the purchase it belongs to, through the API on both databases: revoking either
 * revokes both (with the license's audit row), and a transfer re-issues the key for the new owner
 * and moves the purchase with it. Races are run with a start latch.
 */
class LicensePurchaseLifecycleTest {

    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();

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

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellerRevokingALicenseRevokesItsPurchase(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic lic = f.license(null);
        TestClient owner = lic.customer().client();
        String order = orderOf(lic);
        JsonNode download = entitlement(owner, order, "download");
        String link = download.get("downloadUrl").asText();
        assertThat(f.e.client().get(link).status()).isEqualTo(200);

        JsonNode revoked = LicenseLifecycleTest.ok(f.seller.client().postJson(LicenseLifecycleTest.path(lic, "revoke"), Map.of("reason", "key leaked")));
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("false REVOKED");

        Response gone = f.e.client().get(link);
        assertThat(gone.status()).as("a link minted before the revocation").isEqualTo(410);
        assertThat(gone.body()).contains("ENTITLEMENT_INACTIVE");
        assertThat(entitlement(owner, order, "download").get("status").asText()).isEqualTo("revoked");
        assertThat(entitlement(owner, order, "download").path("downloadUrl").asText(null)).as("no new link is minted").isNull();
        assertThat(entitlement(owner, order, "license").get("status").asText()).isEqualTo("revoked");
        var page = owner.get("/account/orders/" + order).html();
        assertThat(page.select(".entitlement-download").text()).contains("revoked");
        assertThat(page.select(".entitlement-license label").text()).contains("revoked");
        assertThat(owner.get("/account/downloads").html().text()).contains("revoked");

        JsonNode audit = revoked.get("audit");
        assertThat(audit).hasSize(1);
        JsonNode row = audit.get(0);
        assertThat(row.get("action").asText()).isEqualTo("license.revoke");
        assertThat(row.get("actorId").asText()).isEqualTo(f.seller.id());
        assertThat(row.get("detail").get("reason").asText()).isEqualTo("key leaked");
        List<String> ended = new ArrayList<>();
        row.get("detail").get("entitlementsRevoked").forEach(n -> ended.add(n.asText()));
        assertThat(ended).containsExactlyInAnyOrder(lic.entitlementId(), download.get("id").asText());

        // an admin revoking the purchase afterwards changes nothing and audits nothing more
        assertThat(f.admin.postJson("/api/v1/admin/entitlements/" + lic.entitlementId() + "/revoke", Map.of("reason", "again")).status())
                .isEqualTo(200);
        assertThat(auditRows(f, lic.id(), "license.revoke")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void revokingAnEntitlementRevokesTheLicenseWithAnAuditRow(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);

        // an admin revokes the download: the purchase goes, license included, audited as the admin's
        Lic byAdmin = f.license(null);
        String order = orderOf(byAdmin);
        String downloadId = entitlement(byAdmin.customer().client(), order, "download").get("id").asText();
        Response r = f.admin.postJson("/api/v1/admin/entitlements/" + downloadId + "/revoke", Map.of("reason", "refund"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("revoked");
        assertThat(LicenseFixture.answer(f.validate(byAdmin, null))).isEqualTo("false REVOKED");
        assertThat(entitlement(byAdmin.customer().client(), order, "license").get("status").asText()).isEqualTo("revoked");
        JsonNode row = lastAudit(f, byAdmin);
        assertThat(row.get("action").asText()).isEqualTo("license.revoke");
        assertThat(row.get("actorRole").asText()).isEqualTo("admin");
        assertThat(row.path("actorId").asText(null)).isNotNull();
        assertThat(row.get("detail").get("reason").asText()).isEqualTo("refund");
        assertThat(row.get("detail").get("from").asText()).isEqualTo("active");
        assertThat(row.get("detail").get("entitlementId").asText()).isEqualTo(byAdmin.entitlementId());
        assertThat(f.admin.postJson("/api/v1/admin/entitlements/" + downloadId + "/revoke", Map.of()).status()).isEqualTo(200);
        assertThat(auditRows(f, byAdmin.id(), "license.revoke")).as("a second revocation changes nothing").isEqualTo(1);

        // a refund or chargeback (no person acting) revokes through the same service: audited as system
        Lic bySystem = f.license(null);
        assertThat(LicenseLifecycleTest.ok(LicenseLifecycleTest.post(f.seller.client(), LicenseLifecycleTest.path(bySystem, "suspend")))
                .get("status").asText()).isEqualTo("suspended");
        f.e.engine().component().entitlements().revoke(bySystem.entitlementId(), "chargeback");
        assertThat(LicenseFixture.answer(f.validate(bySystem, null))).isEqualTo("false REVOKED");
        String systemOrder = orderOf(bySystem);
        assertThat(entitlement(bySystem.customer().client(), systemOrder, "download").get("status").asText()).isEqualTo("revoked");
        JsonNode system = lastAudit(f, bySystem);
        assertThat(system.get("action").asText()).isEqualTo("license.revoke");
        assertThat(system.get("actorRole").asText()).isEqualTo("system");
        assertThat(system.path("actorId").asText(null)).as("no person acted").isNull();
        assertThat(system.get("detail").get("reason").asText()).isEqualTo("chargeback");
        assertThat(system.get("detail").get("from").asText()).isEqualTo("suspended");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellerAndAnAdminRevokingAtOnceRevokeOnce(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic lic = f.license(null);
        String downloadId = entitlement(lic.customer().client(), orderOf(lic), "download").get("id").asText();
        int n = 8;
        List<Response> answers = Race.of(n, i -> switch (i % 3) {
            case 0 -> f.seller.client().postJson(LicenseLifecycleTest.path(lic, "revoke"), Map.of("reason", "seller " + i));
            case 1 -> f.admin.postJson("/api/v1/admin/entitlements/" + lic.entitlementId() + "/revoke", Map.of("reason", "admin " + i));
            default -> f.admin.postJson("/api/v1/admin/entitlements/" + downloadId + "/revoke", Map.of("reason", "admin " + i));
        });
        for (Response r : answers) {
            assertThat(r.status()).as(r.body()).isIn(200, 409);
            if (r.status() == 409) {
                assertThat(r.json().get("code").asText()).isEqualTo("LICENSE_REVOKED");
            }
        }
        assertThat(auditRows(f, lic.id(), "license.revoke")).isEqualTo(1);
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("false REVOKED");
        long active = f.e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM entitlements WHERE id IN (:a, :b) AND status = 'active'")
                .bind("a", lic.entitlementId()).bind("b", downloadId).mapTo(Long.class).one());
        assertThat(active).isZero();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTransferReissuesTheKeyForTheNewOwner(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestUsers.User next = TestUsers.signIn(f.e, "customer");
        Lic lic = f.license(Map.of("transferAllowed", true));
        TestClient old = lic.customer().client();
        String order = orderOf(lic);
        String downloadId = entitlement(old, order, "download").get("id").asText();
        assertThat(LicenseFixture.answer(f.activate(lic, "fp-old"))).isEqualTo("true ACTIVATED");
        assertThat(LicenseFixture.answer(f.user("add", lic, "old-team@example.com"))).isEqualTo("true SEAT_CLAIMED");
        assertThat(claims(lic.key())).contains(lic.customer().id());

        JsonNode moved = LicenseLifecycleTest.ok(f.seller.client().postJson(LicenseLifecycleTest.path(lic, "transfer"),
                Map.of("email", next.id() + "@example.test")));
        String newKey = moved.get("key").asText();
        assertThat(newKey).isNotEqualTo(lic.key());
        assertThat(moved.get("id").asText()).isEqualTo(lic.id());
        assertThat(moved.get("customerId").asText()).isEqualTo(next.id());
        assertThat(claims(newKey)).as("the new key's claims name the new owner").contains(next.id()).doesNotContain(lic.customer().id());

        Lic reissued = new Lic(newKey, lic.id(), lic.entitlementId(), lic.productId(), lic.planId(), next);
        assertThat(LicenseFixture.answer(f.validate(lic, null))).as("the old key").isEqualTo("false NOT_FOUND");
        assertThat(LicenseFixture.answer(f.activate(lic, "fp-thief"))).isEqualTo("false NOT_FOUND");
        assertThat(LicenseFixture.answer(f.validate(reissued, null))).isEqualTo("true VALID");
        // machines are cleared: the old owner's devices held the old key and are not the new owner's
        assertThat(moved.get("machines")).isEmpty();
        assertThat(LicenseFixture.answer(f.validate(reissued, Map.of("fingerprint", "fp-old")))).isEqualTo("false NO_MACHINES");
        assertThat(LicenseFixture.answer(f.activate(reissued, "fp-new"))).isEqualTo("true ACTIVATED");
        // and so are seats, for the same reason
        assertThat(f.call("/api/v1/licenses/users/list", Map.of("key", newKey)).get("users")).isEmpty();

        // the purchase moved: the new owner has the key and the download; the old owner sees neither
        JsonNode mine = next.client().get("/api/v1/licenses/" + lic.id()).json();
        assertThat(mine.get("key").asText()).isEqualTo(newKey);
        List<String> theirs = new ArrayList<>();
        next.client().get("/api/v1/entitlements").json().get("data").forEach(e -> theirs.add(e.get("id").asText()));
        assertThat(theirs).containsExactlyInAnyOrder(lic.entitlementId(), downloadId);
        JsonNode nextDownload = next.client().get("/api/v1/entitlements/" + downloadId).json();
        assertThat(nextDownload.get("downloadUrl").asText()).startsWith(f.e.base().toString().replaceAll("/$", "") + "/downloads/" + downloadId);
        assertThat(f.e.client().get(nextDownload.get("downloadUrl").asText()).status()).isEqualTo(200);
        assertThat(old.get("/api/v1/licenses/" + lic.id()).status()).isEqualTo(404);
        assertThat(old.get("/api/v1/entitlements/" + downloadId).status()).isEqualTo(404);
        assertThat(old.get("/api/v1/orders/" + order + "/entitlements").json().get("data")).isEmpty();
        String oldPage = old.get("/account/orders/" + order).body();
        assertThat(oldPage).doesNotContain(newKey).doesNotContain(lic.key());

        JsonNode row = lastAudit(f, lic);
        assertThat(row.get("action").asText()).isEqualTo("license.transfer");
        assertThat(row.get("actorId").asText()).isEqualTo(f.seller.id());
        JsonNode detail = row.get("detail");
        assertThat(detail.get("fromCustomer").asText()).isEqualTo(lic.customer().id());
        assertThat(detail.get("toCustomer").asText()).isEqualTo(next.id());
        assertThat(detail.get("machinesRemoved").asInt()).isEqualTo(1);
        assertThat(detail.get("seatsRemoved").asInt()).isEqualTo(1);
        assertThat(detail.get("keyReissued").asBoolean()).isTrue();
        List<String> movedIds = new ArrayList<>();
        detail.get("entitlementsMoved").forEach(id -> movedIds.add(id.asText()));
        assertThat(movedIds).containsExactlyInAnyOrder(lic.entitlementId(), downloadId);
        String stored = f.e.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE subject_id = :id AND action = 'license.transfer'")
                .bind("id", lic.id()).mapTo(String.class).one());
        assertThat(stored).as("the audit log never holds a key").doesNotContain(newKey).doesNotContain(lic.key());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTransferUsesTheLicensesOwnScheme(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Purchases.Item item = Purchases.publish(f.seller.client(), f.seller.id(), f.admin, "software", "Short " + kind,
                Map.of("licenseScheme", "license-short"), "app.zip", "binary".getBytes(StandardCharsets.UTF_8));
        f.putPolicy(item.planId(), Map.of("transferAllowed", true));
        Lic lic = f.buy(item);
        TestUsers.User next = TestUsers.signIn(f.e, "customer");

        JsonNode moved = LicenseLifecycleTest.ok(f.seller.client().postJson(LicenseLifecycleTest.path(lic, "transfer"),
                Map.of("email", next.id() + "@example.test")));
        String newKey = moved.get("key").asText();
        assertThat(newKey).matches("[A-Z0-9]{5}(-[A-Z0-9]{5}){3}").isNotEqualTo(lic.key());
        assertThat(next.client().get("/api/v1/licenses/" + lic.id()).json().get("scheme").asText()).isEqualTo("license-short");
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("false NOT_FOUND");
        assertThat(LicenseFixture.answer(f.validate(new Lic(newKey, lic.id(), lic.entitlementId(), lic.productId(), lic.planId(), next), null)))
                .isEqualTo("true VALID");
        assertThat(auditRows(f, lic.id(), "license.transfer")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTransferWhoseSchemeIsNotRunningChangesNothing(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic lic = f.license(Map.of("transferAllowed", true));
        assertThat(LicenseFixture.answer(f.activate(lic, "fp-1"))).isEqualTo("true ACTIVATED");
        // the plugin that issued the key was removed since
        f.e.jdbi().useHandle(h -> h.createUpdate("UPDATE licenses SET scheme = 'license-gone' WHERE id = :id").bind("id", lic.id()).execute());
        TestUsers.User next = TestUsers.signIn(f.e, "customer");

        Response r = f.seller.client().postJson(LicenseLifecycleTest.path(lic, "transfer"), Map.of("email", next.id() + "@example.test"));
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(r.json().get("detail").asText()).contains("license-gone");
        JsonNode same = LicenseLifecycleTest.ok(f.seller.client().get(LicenseLifecycleTest.path(lic, null)));
        assertThat(same.get("customerId").asText()).isEqualTo(lic.customer().id());
        assertThat(same.get("key").asText()).isEqualTo(lic.key());
        assertThat(same.get("machines")).hasSize(1);
        assertThat(same.get("audit")).isEmpty();
        assertThat(lic.customer().client().get("/api/v1/entitlements/" + lic.entitlementId()).status()).isEqualTo(200);
        assertThat(LicenseFixture.answer(f.validate(lic, Map.of("fingerprint", "fp-1")))).isEqualTo("true VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void racingTransfersLeaveOneOwnerAndOneLiveKey(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic lic = f.license(Map.of("transferAllowed", true));
        int n = 6;
        List<TestUsers.User> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add(TestUsers.signIn(f.e, "customer"));
        }
        List<Response> answers = Race.of(n, i -> f.seller.client().postJson(LicenseLifecycleTest.path(lic, "transfer"),
                Map.of("email", targets.get(i).id() + "@example.test")));
        long won = 0;
        for (Response r : answers) {
            assertThat(r.status()).as(r.body()).isIn(200, 409);
            if (r.status() == 409) {
                assertThat(r.json().get("code").asText()).isEqualTo("LICENSE_CHANGED");
            } else {
                won++;
            }
        }
        assertThat(won).isPositive();

        // the audit trail is one unbroken chain of owners, ending at the license's owner
        JsonNode detail = LicenseLifecycleTest.ok(f.seller.client().get(LicenseLifecycleTest.path(lic, null)));
        String owner = lic.customer().id();
        long transfers = 0;
        for (JsonNode row : detail.get("audit")) {
            assertThat(row.get("action").asText()).isEqualTo("license.transfer");
            assertThat(row.get("detail").get("fromCustomer").asText()).isEqualTo(owner);
            owner = row.get("detail").get("toCustomer").asText();
            transfers++;
        }
        assertThat(transfers).isEqualTo(won);
        assertThat(detail.get("customerId").asText()).isEqualTo(owner);
        String finalOwner = owner;
        TestUsers.User holder = targets.stream().filter(u -> u.id().equals(finalOwner)).findFirst().orElseThrow();
        String key = detail.get("key").asText();
        assertThat(LicenseFixture.answer(f.validate(new Lic(key, lic.id(), lic.entitlementId(), lic.productId(), lic.planId(), holder), null)))
                .isEqualTo("true VALID");
        assertThat(claims(key)).contains(finalOwner);
        assertThat(LicenseFixture.answer(f.validate(lic, null))).isEqualTo("false NOT_FOUND");
        assertThat(holder.client().get("/api/v1/entitlements/" + lic.entitlementId()).status()).isEqualTo(200);
    }


    static String orderOf(Lic lic) {
        return lic.customer().client().get("/api/v1/entitlements/" + lic.entitlementId()).json().get("orderId").asText();
    }

    static JsonNode entitlement(TestClient owner, String order, String kind) {
        for (JsonNode n : owner.get("/api/v1/orders/" + order + "/entitlements").json().get("data")) {
            if (n.get("kind").asText().equals(kind)) {
                return n;
            }
        }
        throw new AssertionError("no " + kind + " entitlement on " + order);
    }

    static JsonNode lastAudit(LicenseFixture f, Lic lic) {
        JsonNode audit = LicenseLifecycleTest.ok(f.seller.client().get(LicenseLifecycleTest.path(lic, null))).get("audit");
        return audit.get(audit.size() - 1);
    }

    static long auditRows(LicenseFixture f, String licenseId, String action) {
        return f.e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE subject_id = :id AND action = :a")
                .bind("id", licenseId).bind("a", action).mapTo(Long.class).one());
    }

    /** The signed payload of a license-ed25519 key ({@code MK1.<payload>.<signature>}), as text: its strings are plain UTF-8. */
    static String claims(String key) {
        String[] parts = key.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.ISO_8859_1);
    }
}
