package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The customer's license pages and machine files on both databases: licenses bought and machines
 * activated through the public API, pages read as HTML, files checked with the JDK and the JWKS only.
 */
class LicensePagesTest {

    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
    void thePagesShowActivationsExpiryAndGrace(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        long days = Duration.ofDays(1).toSeconds();
        Lic l = f.license(Map.of("durationSeconds", 30 * days, "graceSeconds", 7 * days, "maxMachines", 5));
        activate(f, l, "fp-a", "Laptop <b>", "linux", "lap-1");
        activate(f, l, "fp-b", "Desk", "windows", "desk-1");
        Lic plain = f.license(null);
        JsonNode issued = l.customer().client().get("/api/v1/licenses/" + l.id()).json();
        long expiry = issued.get("createdAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis) + 30 * days * 1000;

        Document list = l.customer().client().get("/account/licenses").html();
        var item = list.selectFirst("#license-" + l.id());
        assertThat(item).as(list.outerHtml()).isNotNull();
        assertThat(item.select("input.key").attr("value")).isEqualTo(l.key());
        assertThat(item.select("input.key").hasAttr("readonly")).isTrue();
        assertThat(item.select("button[data-copy]").attr("data-copy")).isEqualTo(l.key());
        assertThat(list.select("script[src=/static/js/copy.js]")).hasSize(1);
        assertThat(item.select(".license-state").text()).isEqualTo("active · valid");
        assertThat(item.select(".license-expiry").text()).isEqualTo(SHOWN.format(Instant.ofEpochMilli(expiry)));
        assertThat(item.select(".license-grace").text()).isEqualTo(SHOWN.format(Instant.ofEpochMilli(expiry + 7 * days * 1000)));
        assertThat(item.select(".license-activations").text()).isEqualTo("2 of 5");
        assertThat(item.select("a[href=/account/licenses/" + l.id() + "]")).isNotEmpty();

        Document detail = l.customer().client().get("/account/licenses/" + l.id()).html();
        assertThat(detail.select(".license-activations").text()).isEqualTo("2 of 5");
        assertThat(detail.select(".license-grace").text()).isEqualTo(SHOWN.format(Instant.ofEpochMilli(expiry + 7 * days * 1000)));
        assertThat(detail.select("table.devices tbody tr")).hasSize(2);
        assertThat(detail.select("table.devices").text()).contains("Laptop <b>", "linux", "lap-1", "Desk", "windows", "desk-1");
        assertThat(detail.select("table.devices b")).as("user content is escaped").isEmpty();
        assertThat(detail.select("form.deactivate")).hasSize(2);
        assertThat(detail.select("form.machine-file")).hasSize(2);
        assertThat(detail.select("form.deactivate input[name=_csrf]")).isNotEmpty();
        assertThat(detail.select("script:not([src]), style, [style]")).as("CSP: no inline scripts or styles").isEmpty();

        Document plainPage = plain.customer().client().get("/account/licenses/" + plain.id()).html();
        assertThat(plainPage.select(".license-expiry").text()).isEqualTo("never");
        assertThat(plainPage.select(".license-grace").text()).isEqualTo("no grace period");
        assertThat(plainPage.select(".license-activations").text()).isEqualTo("0 of 3");
        assertThat(plainPage.text()).contains("not activated on any device");

        // an hour-long license two hours on: in its day of grace (a short span, so the session outlives it)
        Lic hourly = f.license(Map.of("durationSeconds", 3600, "graceSeconds", days));
        f.e.clock().advance(Duration.ofHours(2));
        try {
            Document later = hourly.customer().client().get("/account/licenses/" + hourly.id()).html();
            assertThat(later.select(".license-state").text()).as(later.outerHtml()).isEqualTo("active · in grace period");
        } finally {
            f.e.clock().advance(Duration.ofHours(-2));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void deactivatingADeviceFreesItsSlotAndIsRateLimited(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxMachines", 20, "activationsPerHour", 100));
        for (int i = 0; i < 12; i++) {
            activate(f, l, "fp-" + i, "Machine " + i, "linux", "host-" + i);
        }
        TestClient owner = l.customer().client();
        String page = "/account/licenses/" + l.id();
        for (int i = 0; i < 10; i++) {
            Response r = owner.submitForm(page, "form.deactivate", Map.of());
            assertThat(r.status()).as(r.body()).isEqualTo(303);
            assertThat(r.header("Location")).isEqualTo(page + "?notice=deactivated");
        }
        assertThat(owner.get(page + "?notice=deactivated").html().select(".notice.ok").text()).contains("deactivated");
        assertThat(owner.get("/api/v1/licenses/" + l.id()).json().get("machines")).hasSize(2);
        assertThat(f.validate(l, Map.of("fingerprint", "fp-0")).get("code").asText()).as("a removed device no longer validates")
                .isEqualTo("FINGERPRINT_SCOPE_MISMATCH");

        Response limited = owner.submitForm(page, "form.deactivate", Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(limited.header("Content-Type")).startsWith("text/html");
        assertThat(limited.html().select("h1").text()).isNotEmpty();
        assertThat(owner.get("/api/v1/licenses/" + l.id()).json().get("machines")).as("nothing removed when limited").hasSize(2);

        // the bucket refills: 10 an hour is one every 6 minutes
        f.e.clock().advance(Duration.ofMinutes(7));
        assertThat(owner.submitForm(page, "form.deactivate", Map.of()).status()).isEqualTo(303);
        assertThat(owner.get("/api/v1/licenses/" + l.id()).json().get("machines")).hasSize(1);

        // without the CSRF token nothing happens
        String machineId = owner.get("/api/v1/licenses/" + l.id()).json().get("machines").get(0).get("id").asText();
        assertThat(owner.postForm(page + "/machines/" + machineId + "/deactivate", Map.of()).status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/licenses/" + l.id()).json().get("machines")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void removingDevicesThroughTheApiSharesTheAccountLimit(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxMachines", 20, "activationsPerHour", 100));
        for (int i = 0; i < 12; i++) {
            activate(f, l, "fp-" + i, "Machine " + i, "linux", "host-" + i);
        }
        TestClient owner = l.customer().client();
        String license = "/api/v1/licenses/" + l.id();
        List<String> ids = owner.get(license).json().get("machines").findValuesAsText("id");
        assertThat(ids).hasSize(12);

        TestClient stranger = TestUsers.signIn(f.e, "customer").client();
        assertThat(stranger.delete(license + "/machines/" + ids.get(0)).status()).as("another customer's license").isEqualTo(404);
        for (int i = 0; i < 10; i++) {
            Response r = owner.delete(license + "/machines/" + ids.get(i));
            assertThat(r.status()).as(r.body()).isEqualTo(204);
        }
        assertThat(owner.get(license).json().get("machines")).hasSize(2);

        Response limited = owner.delete(license + "/machines/" + ids.get(10));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(owner.get(license).json().get("machines")).as("nothing removed when limited").hasSize(2);
        assertThat(owner.submitForm("/account/licenses/" + l.id(), "form.deactivate", Map.of()).status())
                .as("the account page and the API share one bucket").isEqualTo(429);
        assertThat(owner.get(license).json().get("machines")).hasSize(2);

        // the bucket refills after the time Retry-After named: 10 an hour is one every 6 minutes
        f.e.clock().advance(Duration.ofSeconds(retryAfter));
        assertThat(owner.delete(license + "/machines/" + ids.get(10)).status()).isEqualTo(204);
        assertThat(owner.get(license).json().get("machines").findValuesAsText("id")).containsExactly(ids.get(11));
        assertThat(owner.delete(license + "/machines/" + ids.get(11)).status()).isEqualTo(429);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void thePagesShowSeatsAndTheOwnerReleasesThemRateLimited(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxUsers", 15));
        for (int i = 0; i < 12; i++) {
            assertThat(f.user("add", l, "user-" + i + "@example.com").get("code").asText()).isEqualTo("SEAT_CLAIMED");
        }
        assertThat(f.user("add", l, "<b>Mallory</b>").get("code").asText()).isEqualTo("SEAT_CLAIMED");
        TestClient owner = l.customer().client();
        String page = "/account/licenses/" + l.id();

        Document list = owner.get("/account/licenses").html();
        assertThat(list.select("#license-" + l.id() + " .license-seats").text()).isEqualTo("13 of 15");
        Document detail = owner.get(page).html();
        assertThat(detail.select(".license-seats").text()).isEqualTo("13 of 15");
        assertThat(detail.select("table.seats tbody tr")).hasSize(13);
        assertThat(detail.select("table.seats tbody th").eachText()).startsWith("user-0@example.com", "user-1@example.com");
        assertThat(detail.select("table.seats").text()).contains("<b>Mallory</b>");
        assertThat(detail.select("table.seats b")).as("user content is escaped").isEmpty();
        assertThat(detail.select("form.release input[name=_csrf]")).hasSize(13);
        assertThat(detail.select("script:not([src]), style, [style]")).as("CSP: no inline scripts or styles").isEmpty();

        Lic plain = f.license(null);
        assertThat(plain.customer().client().get("/account/licenses/" + plain.id()).html().select(".license-seats, table.seats"))
                .as("no seats section without a cap or seats").isEmpty();
        assertThat(f.user("add", plain, "ann").get("code").asText()).isEqualTo("SEAT_CLAIMED");
        assertThat(plain.customer().client().get("/account/licenses/" + plain.id()).html().select(".license-seats").text()).isEqualTo("1 (no limit)");

        for (int i = 0; i < 10; i++) {
            Response r = owner.submitForm(page, "form.release", Map.of());
            assertThat(r.status()).as(r.body()).isEqualTo(303);
            assertThat(r.header("Location")).isEqualTo(page + "?notice=released");
        }
        assertThat(owner.get(page + "?notice=released").html().select(".notice.ok").text()).contains("released");
        assertThat(owner.get("/api/v1/licenses/" + l.id() + "/users").json().get("data")).hasSize(3);
        assertThat(f.validate(l, Map.of("user", "user-0@example.com")).get("code").asText()).as("a released user no longer validates")
                .isEqualTo("USER_SCOPE_MISMATCH");

        Response limited = owner.submitForm(page, "form.release", Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(limited.header("Content-Type")).startsWith("text/html");
        assertThat(owner.get("/api/v1/licenses/" + l.id() + "/users").json().get("data")).as("nothing released when limited").hasSize(3);

        // seats have their own bucket: devices can still be deactivated
        activate(f, l, "fp-seat-test", "Box", "linux", "box");
        assertThat(owner.submitForm(page, "form.deactivate", Map.of()).status()).isEqualTo(303);

        // without the CSRF token, or as someone else, nothing happens
        String seatId = owner.get("/api/v1/licenses/" + l.id() + "/users").json().get("data").get(0).get("id").asText();
        String release = page + "/users/" + seatId + "/release";
        f.e.clock().advance(Duration.ofMinutes(7));
        try {
            assertThat(owner.postForm(release, Map.of()).status()).isEqualTo(403);
            TestClient other = TestUsers.signIn(f.e).client();
            assertThat(postWithToken(other, "/account", release).status()).as("another customer").isEqualTo(404);
            assertThat(f.e.client().postForm(release, Map.of()).status()).as("anonymous").isEqualTo(303);
            assertThat(postWithToken(owner, page, page + "/users/lus_nope/release").status()).as("no such seat").isEqualTo(404);
            assertThat(owner.get("/api/v1/licenses/" + l.id() + "/users").json().get("data")).hasSize(3);
            assertThat(postWithToken(f.admin, page, release).status()).as("an admin may release a seat").isEqualTo(303);
            assertThat(owner.get("/api/v1/licenses/" + l.id() + "/users").json().get("data")).hasSize(2);
        } finally {
            f.e.clock().advance(Duration.ofMinutes(-7));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theLicenseFileDownloadVerifiesWithTheJwks(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(null);
        String page = "/account/licenses/" + l.id();
        Response r = l.customer().client().submitForm(page, "form.license-file", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + l.id() + ".lic\"");
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        JsonNode envelope = envelope(r.body());
        assertThat(envelope.get("enc").asText()).isEqualTo("none");
        assertThat(verify(f, envelope)).isTrue();
        JsonNode payload = JSON.readTree(Base64.getDecoder().decode(envelope.get("data").asText()));
        assertThat(payload.get("license").get("id").asText()).isEqualTo(l.id());
        assertThat(payload.get("machine").isNull()).isTrue();

        Response encrypted = l.customer().client().submitForm(page, "form.license-file", Map.of("encrypt", "1"));
        JsonNode sealed = envelope(encrypted.body());
        assertThat(sealed.get("enc").asText()).isEqualTo("aes-256-gcm");
        assertThat(verify(f, sealed)).isTrue();
        byte[] data = Base64.getDecoder().decode(sealed.get("data").asText());
        assertThat(JSON.readTree(decrypt(l.key(), data)).get("license").get("id").asText()).isEqualTo(l.id());

        assertThat(l.customer().client().postForm(page + "/file", Map.of()).status()).as("no CSRF token").isEqualTo(403);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aMachineFileNamesTheMachineAndOpensOnlyWithKeyAndFingerprint(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(null);
        Lic other = f.license(null);
        activate(f, l, "fp-one", "One", "linux", "one");
        activate(f, other, "fp-other", "Other", "linux", "other");
        TestClient owner = l.customer().client();
        String api = "/api/v1/licenses/" + l.id() + "/machines/";

        Response r = owner.postJson(api + "fp-one/file", Map.of("encrypt", true, "ttlSeconds", 3600));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Mintreu-Signature")).isNotNull();
        String machineId = owner.get("/api/v1/licenses/" + l.id()).json().get("machines").get(0).get("id").asText();
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + l.id() + "-" + machineId + ".lic\"");
        JsonNode envelope = envelope(r.body());
        assertThat(envelope.get("enc").asText()).isEqualTo("aes-256-gcm");
        assertThat(verify(f, envelope)).isTrue();
        byte[] data = Base64.getDecoder().decode(envelope.get("data").asText());
        JsonNode payload = JSON.readTree(decrypt(l.key() + "\n" + "fp-one", data));
        assertThat(payload.get("machine").get("fingerprint").asText()).isEqualTo("fp-one");
        assertThat(payload.get("ttl").asLong()).isEqualTo(3600);
        assertThat(fails(l.key(), data)).as("the license key alone does not open a machine file").isTrue();
        assertThat(fails(l.key() + "\nfp-other", data)).as("nor with another fingerprint").isTrue();

        JsonNode plain = envelope(owner.post(api + "fp-one/file", null, "").body());
        assertThat(JSON.readTree(Base64.getDecoder().decode(plain.get("data").asText())).get("machine").get("fingerprint").asText())
                .isEqualTo("fp-one");

        assertThat(owner.post(api + "fp-nope/file", null, "").status()).as("not activated").isEqualTo(404);
        assertThat(owner.post(api + "fp-other/file", null, "").status()).as("activated on another license").isEqualTo(404);
        Response bad = owner.postJson(api + "fp-one/file", Map.of("ttlSeconds", 60));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("ttlSeconds");
        assertThat(owner.postJson(api + "fp-one/file", Map.of("color", "red")).json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");

        // the page's per-machine form gives the same machine file
        Response fromPage = owner.submitForm("/account/licenses/" + l.id(), "form.machine-file", Map.of());
        assertThat(fromPage.status()).as(fromPage.body()).isEqualTo(200);
        JsonNode pageFile = envelope(fromPage.body());
        assertThat(verify(f, pageFile)).isTrue();
        assertThat(JSON.readTree(Base64.getDecoder().decode(pageFile.get("data").asText())).get("machine").get("fingerprint").asText())
                .isEqualTo("fp-one");

        // a deactivated machine has no file
        f.machine("deactivate", l, "fp-one");
        assertThat(owner.post(api + "fp-one/file", null, "").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyTheOwnerAndAdminsSeeTheLicense(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(null);
        activate(f, l, "fp-m", "M", "linux", "m");
        String machineId = l.customer().client().get("/api/v1/licenses/" + l.id()).json().get("machines").get(0).get("id").asText();
        TestClient other = TestUsers.signIn(f.e).client();
        TestClient anonymous = f.e.client();
        Map<String, TestClient> callers = new LinkedHashMap<>();
        callers.put("owner", l.customer().client());
        callers.put("other customer", other);
        callers.put("seller", f.seller.client());
        callers.put("admin", f.admin);
        callers.put("anonymous", anonymous);
        Map<String, Integer> page = Map.of("owner", 200, "other customer", 404, "seller", 404, "admin", 200, "anonymous", 303);
        Map<String, Integer> api = Map.of("owner", 200, "other customer", 404, "seller", 404, "admin", 200, "anonymous", 401);
        for (Map.Entry<String, TestClient> c : callers.entrySet()) {
            String who = c.getKey();
            Response detail = c.getValue().get("/account/licenses/" + l.id());
            assertThat(detail.status()).as(who + " detail page").isEqualTo(page.get(who));
            if (who.equals("anonymous")) {
                assertThat(detail.header("Location")).startsWith("/login?next=");
            } else if (detail.status() == 404) {
                assertThat(detail.body()).doesNotContain(l.key());
            }
            assertThat(c.getValue().post("/api/v1/licenses/" + l.id() + "/machines/fp-m/file", null, "").status()).as(who + " machine file")
                    .isEqualTo(api.get(who));
        }
        assertThat(anonymous.get("/account/licenses").status()).isEqualTo(303);
        assertThat(other.get("/account/licenses").body()).doesNotContain(l.key());

        // another customer cannot deactivate or download through the page routes, even with their own CSRF token
        for (String path : List.of("/account/licenses/" + l.id() + "/machines/" + machineId + "/deactivate",
                "/account/licenses/" + l.id() + "/file", "/account/licenses/" + l.id() + "/machines/" + machineId + "/file")) {
            assertThat(postWithToken(other, "/account", path).status()).as("other customer " + path).isEqualTo(404);
            assertThat(anonymous.postForm(path, Map.of()).status()).as("anonymous " + path).isEqualTo(303);
        }
        assertThat(l.customer().client().get("/api/v1/licenses/" + l.id()).json().get("machines")).hasSize(1);
        Response admin = postWithToken(f.admin, "/account/licenses/" + l.id(), "/account/licenses/" + l.id() + "/machines/" + machineId + "/deactivate");
        assertThat(admin.status()).as("an admin may remove a device").isEqualTo(303);
        assertThat(l.customer().client().get("/api/v1/licenses/" + l.id()).json().get("machines")).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static void activate(LicenseFixture f, Lic l, String fingerprint, String name, String platform, String hostname) {
        JsonNode a = f.call("/api/v1/licenses/machines/activate", Map.of("key", l.key(), "fingerprint", fingerprint, "name", name,
                "platform", platform, "hostname", hostname));
        assertThat(a.get("code").asText()).as(a.toString()).isEqualTo("ACTIVATED");
    }

    /** Posts to {@code path} with the caller's CSRF token, taken from a form on {@code pageWithForm}. */
    static Response postWithToken(TestClient c, String pageWithForm, String path) {
        var token = c.get(pageWithForm).html().selectFirst("form[method=post] input[type=hidden]");
        assertThat(token).as("a form with a CSRF token on " + pageWithForm).isNotNull();
        return c.postForm(path, Map.of(token.attr("name"), token.attr("value")));
    }

    static JsonNode envelope(String file) throws Exception {
        String[] lines = file.split("\n");
        assertThat(lines[0]).isEqualTo("-----BEGIN MINTREU LICENSE FILE-----");
        assertThat(lines[lines.length - 1]).isEqualTo("-----END MINTREU LICENSE FILE-----");
        return JSON.readTree(Base64.getDecoder().decode(String.join("", Arrays.copyOfRange(lines, 1, lines.length - 1))));
    }

    /** Ed25519 over "license/" + data with the published JWK named by kid (RFC 8410 SPKI prefix + raw key). */
    static boolean verify(LicenseFixture f, JsonNode envelope) throws Exception {
        JsonNode jwk = null;
        for (JsonNode k : f.e.client().get("/api/v1/licenses/keys").json().get("keys")) {
            if (k.get("kid").asText().equals(envelope.get("kid").asText())) {
                jwk = k;
            }
        }
        assertThat(jwk).as("kid is published").isNotNull();
        byte[] spki = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(Base64.getUrlDecoder().decode(jwk.get("x").asText()), 0, spki, 12, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(("license/" + envelope.get("data").asText()).getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(envelope.get("sig").asText()));
    }

    static byte[] decrypt(String material, byte[] data) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, data, 0, 12));
        return c.doFinal(data, 12, data.length - 12);
    }

    static boolean fails(String material, byte[] data) {
        try {
            decrypt(material, data);
            return false;
        } catch (Exception expected) {
            return true;
        }
    }
}
