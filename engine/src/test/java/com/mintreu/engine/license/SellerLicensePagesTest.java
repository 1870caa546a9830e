package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seller's license pages on both databases: licenses bought, activated and claimed through the
 * public API, then the list, the detail page and every action form used as a browser would (HTML
 * read with jsoup, forms submitted with the page's CSRF token).
 */
class SellerLicensePagesTest {

    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();
    static final long DAY_S = 86_400;

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

    /** A bought license of a fresh product whose plan has {@code policy}, with the product's title. */
    record Bought(Lic lic, String title) {}

    static Bought buy(LicenseFixture f, Map<String, Object> policy) throws Exception {
        Purchases.Item item = f.product();
        if (policy != null) {
            f.putPolicy(item.planId(), policy);
        }
        return new Bought(f.buy(item), item.title());
    }

    static String page(Lic l) {
        return "/seller/licenses/" + l.id();
    }

    static String email(TestUsers.User u) {
        return u.id() + "@example.test";
    }

    static void activate(LicenseFixture f, Lic l, String fingerprint, String name) {
        assertThat(f.call("/api/v1/licenses/machines/activate", Map.of("key", l.key(), "fingerprint", fingerprint, "name", name,
                "platform", "linux", "hostname", "host-" + fingerprint)).get("code").asText()).isEqualTo("ACTIVATED");
    }

    /** Submits the form {@code selector} of {@code l}'s detail page; it must land back there with {@code notice}. */
    static Document act(TestClient seller, Lic l, String selector, Map<String, String> values, String notice) {
        Response r = seller.submitForm(page(l), selector, values);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo(page(l) + "?notice=" + notice);
        Document landed = seller.get(r.header("Location")).html();
        assertThat(landed.select(".notice.ok").text()).as(notice).isNotEmpty();
        return landed;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theListShowsTitlesPlansActivationsSeatsAndLinks(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Bought capped = buy(f, Map.of("maxMachines", 5, "maxUsers", 3));
        activate(f, capped.lic(), "fp-a", "Laptop");
        activate(f, capped.lic(), "fp-b", "Desk");
        assertThat(f.user("add", capped.lic(), "ada@example.com").get("code").asText()).isEqualTo("SEAT_CLAIMED");
        Bought open = buy(f, null);

        Document list = seller.get("/seller/licenses?email=" + email(capped.lic().customer())).html();
        var row = list.selectFirst("#license-" + capped.lic().id());
        assertThat(row).as(list.outerHtml()).isNotNull();
        assertThat(row.select("a.license-link").text()).isEqualTo(capped.title());
        assertThat(row.select("a.license-link").attr("href")).isEqualTo(page(capped.lic()));
        assertThat(row.select(".license-plan").text()).isEqualTo("Personal");
        assertThat(row.text()).doesNotContain(capped.lic().productId());
        assertThat(row.select(".license-activations").text()).isEqualTo("2 of 5");
        assertThat(row.select(".license-seats").text()).isEqualTo("1 of 3");
        assertThat(row.text()).contains(email(capped.lic().customer()));

        Document openRow = seller.get("/seller/licenses?email=" + email(open.lic().customer())).html();
        assertThat(openRow.select("#license-" + open.lic().id() + " .license-activations").text()).isEqualTo("0 of 3");
        assertThat(openRow.select("#license-" + open.lic().id() + " .license-seats").text()).as("no seat cap: just the count").isEqualTo("0");

        // the product filter: a select of the seller's products, and it filters
        Document byProduct = seller.get("/seller/licenses?product=" + open.lic().productId()).html();
        assertThat(byProduct.select("select[name=product] option[selected]").attr("value")).isEqualTo(open.lic().productId());
        assertThat(byProduct.select("select[name=product] option").eachText()).contains(capped.title(), open.title());
        assertThat(byProduct.select("tbody tr").eachAttr("id")).containsExactly("license-" + open.lic().id());
        assertThat(byProduct.select("script:not([src]), style, [style]")).as("CSP: no inline scripts or styles").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theDetailShowsTheKeyFactsMachinesSeatsAndHistory(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Bought b = buy(f, Map.of("durationSeconds", 30 * DAY_S, "graceSeconds", 7 * DAY_S, "maxMachines", 4, "maxUsers", 2));
        Lic l = b.lic();
        activate(f, l, "fp-a", "Laptop <b>bold</b>");
        assertThat(f.user("add", l, "grace@example.com").get("code").asText()).isEqualTo("SEAT_CLAIMED");
        assertThat(LicenseFixture.answer(f.validate(l, Map.of("user", "grace@example.com")))).isEqualTo("true VALID");
        assertThat(seller.postJson("/api/v1/seller/licenses/" + l.id() + "/extend", Map.of("days", 3)).status()).isEqualTo(200);
        JsonNode api = seller.get("/api/v1/seller/licenses/" + l.id()).json();

        Document d = seller.get(page(l)).html();
        assertThat(d.select("h1").text()).contains(b.title()).contains("Active");
        assertThat(d.select("input.key").attr("value")).isEqualTo(l.key());
        assertThat(d.select("input.key").hasAttr("readonly")).isTrue();
        assertThat(d.select("button[data-copy]").attr("data-copy")).isEqualTo(l.key());
        assertThat(d.select("script[src=/static/js/copy.js]")).hasSize(1);
        assertThat(d.select(".license-product").text()).isEqualTo(b.title() + " · Personal");
        assertThat(d.select(".license-customer").text()).isEqualTo(email(l.customer()));
        assertThat(d.select(".license-status").text()).isEqualTo("active");
        String expiry = LicensePagesTest.SHOWN.format(java.time.Instant.ofEpochMilli(api.get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)));
        assertThat(d.select(".license-expiry").text()).isEqualTo(expiry);
        assertThat(d.select(".license-grace").text())
                .isEqualTo(LicensePagesTest.SHOWN.format(java.time.Instant.ofEpochMilli(api.get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis) + 7 * DAY_S * 1000)));
        assertThat(d.select(".license-validated").text()).endsWith("· 1 validation").doesNotStartWith("never");
        assertThat(d.select(".license-activations").text()).isEqualTo("1 of 4");
        assertThat(d.select(".license-seats").text()).isEqualTo("1 of 2");

        assertThat(d.select("table.devices tbody tr")).hasSize(1);
        assertThat(d.select("table.devices").text()).contains("Laptop <b>bold</b>", "linux", "host-fp-a");
        assertThat(d.select("table.devices b")).as("user content is escaped").isEmpty();
        assertThat(d.select("table.seats tbody tr").text()).contains("grace@example.com");

        var history = d.select("table.audit tbody tr");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).select("th").text()).isEqualTo("Extended");
        assertThat(history.get(0).text()).contains("you", "3 days: expiry");
        assertThat(d.select("form.transfer")).isEmpty();
        assertThat(d.select(".transfer-off").text()).contains("does not allow");
        assertThat(d.select("form input[name=_csrf]")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(d.select("script:not([src]), style, [style]")).as("CSP: no inline scripts or styles").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachActionFormLandsBackOnTheDetailWithANotice(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Lic l = buy(f, Map.of("durationSeconds", 30 * DAY_S)).lic();
        String api = "/api/v1/seller/licenses/" + l.id();
        long expires = seller.get(api).json().get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis);

        Document suspended = act(seller, l, "form.suspend", Map.of(), "suspended");
        assertThat(suspended.select(".license-status").text()).isEqualTo("suspended");
        assertThat(LicenseFixture.answer(f.validate(l, null))).isEqualTo("false SUSPENDED");
        act(seller, l, "form.reinstate", Map.of(), "reinstated");
        assertThat(LicenseFixture.answer(f.validate(l, null))).isEqualTo("true VALID");
        act(seller, l, "form.renew", Map.of(), "renewed");
        assertThat(seller.get(api).json().get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isEqualTo(expires + 30 * DAY_S * 1000);
        act(seller, l, "form.extend", Map.of("days", "5"), "extended");
        assertThat(seller.get(api).json().get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isEqualTo(expires + 35 * DAY_S * 1000);

        Response badDays = seller.submitForm(page(l), "form.extend", Map.of("days", "soon"));
        assertThat(badDays.status()).isEqualTo(422);
        assertThat(badDays.html().select(".notice.error").text()).contains("days", "whole number");
        Response tooMany = seller.submitForm(page(l), "form.extend", Map.of("days", "9999"));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.html().select(".notice.error").text()).contains("1..3650");

        Document revoked = act(seller, l, "form.revoke", Map.of("reason", "chargeback <i>filed</i>"), "revoked");
        assertThat(revoked.select(".license-status").text()).isEqualTo("revoked");
        assertThat(revoked.select("form.suspend, form.reinstate, form.renew, form.extend, form.revoke")).as("revoked is final").isEmpty();
        var history = revoked.select("table.audit tbody tr");
        assertThat(history.eachText()).hasSize(5);
        assertThat(history.get(0).select("th").text()).as("newest first").isEqualTo("Revoked");
        assertThat(history.get(0).text()).contains("reason: chargeback <i>filed</i>");
        assertThat(history.get(0).select("i")).as("the reason is escaped").isEmpty();
        assertThat(history.select("th").eachText()).containsExactly("Revoked", "Extended", "Renewed", "Reinstated", "Suspended");
        assertThat(history.get(4).text()).contains("active → suspended");

        // a refused action is the themed error page with its code, as before
        String csrf = revoked.select("input[name=_csrf]").first().attr("value");
        Response again = seller.postForm(page(l) + "/suspend", Map.of("_csrf", csrf));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("text/html");
        assertThat(again.html().text()).contains("LICENSE_REVOKED");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theTransferFormGivesTheLicenseToAnotherCustomer(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Lic l = buy(f, Map.of("transferAllowed", true)).lic();
        activate(f, l, "fp-a", "Old laptop");
        TestUsers.User next = TestUsers.signIn(f.e, "customer");

        Response unknown = seller.submitForm(page(l), "form.transfer", Map.of("email", "nobody@example.test"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.html().select(".notice.error").text()).contains("email", "no customer has this email");
        assertThat(seller.get("/api/v1/seller/licenses/" + l.id()).json().get("customerId").asText()).isEqualTo(l.customer().id());

        Document moved = act(seller, l, "form.transfer", Map.of("email", email(next)), "transferred");
        assertThat(moved.select(".license-customer").text()).isEqualTo(email(next));
        assertThat(moved.select("table.devices")).as("the old owner's devices are gone").isEmpty();
        assertThat(moved.select("input.key").attr("value")).isNotEqualTo(l.key());
        assertThat(moved.select("table.audit tbody tr").first().text()).contains("Transferred", "from " + email(l.customer()) + " to " + email(next),
                "1 device and 0 seats removed");
        assertThat(LicenseFixture.answer(f.validate(l, null))).as("the old key").isEqualTo("false NOT_FOUND");
        assertThat(next.client().get("/api/v1/licenses/" + l.id()).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theIssueFormIssuesAManualLicense(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Purchases.Item item = f.product();
        TestUsers.User customer = TestUsers.signIn(f.e, "customer");

        Document list = seller.get("/seller/licenses").html();
        assertThat(list.select("form.issue select[name=planId] option[value=" + item.planId() + "]").text()).isEqualTo(item.title() + " — Personal");
        assertThat(TestUsers.signIn(f.e, "seller").client().get("/seller/licenses").html()
                .select("form.issue option[value=" + item.planId() + "]")).as("another seller's plans are not offered").isEmpty();

        Response unknown = seller.submitForm("/seller/licenses", "form.issue",
                Map.of("planId", item.planId(), "email", "nobody@example.test", "days", "30"));
        assertThat(unknown.status()).isEqualTo(422);
        Document again = unknown.html();
        assertThat(again.select("#issue .notice.error").text()).contains("no customer has this email");
        assertThat(again.select("#issue-email").attr("value")).as("what the seller typed stays").isEqualTo("nobody@example.test");
        assertThat(again.select("#issue-days").attr("value")).isEqualTo("30");
        assertThat(again.select("#issue-plan option[selected]").attr("value")).isEqualTo(item.planId());

        Response issued = seller.submitForm("/seller/licenses", "form.issue",
                Map.of("planId", item.planId(), "email", email(customer), "days", "30"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(303);
        String location = issued.header("Location");
        assertThat(location).matches("/seller/licenses/lic_[^/?]+\\?notice=issued");
        String id = location.substring("/seller/licenses/".length(), location.indexOf('?'));
        Document d = seller.get(location).html();
        assertThat(d.select(".notice.ok").text()).contains("issued");
        assertThat(d.select(".license-customer").text()).isEqualTo(email(customer));
        assertThat(d.select(".license-expiry").text()).isNotEqualTo("never");
        assertThat(d.select("table.audit tbody tr").first().text()).contains("Issued", "you", "to " + email(customer), "expires");
        JsonNode own = customer.client().get("/api/v1/licenses/" + id).json();
        assertThat(own.get("status").asText()).isEqualTo("active");
        assertThat(d.select("input.key").attr("value")).isEqualTo(own.get("key").asText());

        Response perpetual = seller.submitForm("/seller/licenses", "form.issue", Map.of("planId", item.planId(), "email", email(customer), "days", ""));
        assertThat(perpetual.status()).as(perpetual.body()).isEqualTo(303);
        assertThat(seller.get(perpetual.header("Location")).html().select(".license-expiry").text()).isEqualTo("never");

        // the same form sent twice (a double click, a resent POST) issues one license
        org.jsoup.nodes.Element form = seller.get("/seller/licenses").html().selectFirst("form.issue");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        assertThat(fields.get("issueKey")).as("a one-time key in the form").isNotBlank();
        fields.putAll(Map.of("planId", item.planId(), "email", email(customer), "days", "7"));
        int before = customer.client().get("/api/v1/licenses").json().get("data").size();
        Response first = seller.postForm("/seller/licenses", fields);
        Response resent = seller.postForm("/seller/licenses", fields);
        assertThat(first.status()).isEqualTo(303);
        assertThat(resent.status()).isEqualTo(303);
        assertThat(resent.header("Location")).isEqualTo(first.header("Location"));
        assertThat(customer.client().get("/api/v1/licenses").json().get("data")).hasSize(before + 1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyTheSellerSeesAndActsWithTheirToken(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Lic l = buy(f, null).lic();
        TestClient other = TestUsers.signIn(f.e, "seller").client();

        Response notTheirs = other.get(page(l));
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.header("Content-Type")).startsWith("text/html");
        assertThat(notTheirs.html().select("h1").text()).isNotEmpty();
        assertThat(notTheirs.body()).doesNotContain(l.key());
        String otherCsrf = other.get("/seller/licenses").html().select("input[name=_csrf]").first().attr("value");
        assertThat(other.postForm(page(l) + "/suspend", Map.of("_csrf", otherCsrf)).status()).as("another seller acting").isEqualTo(404);
        assertThat(other.postForm("/seller/licenses", Map.of("_csrf", otherCsrf, "planId", l.planId(), "email", email(l.customer()))).status())
                .as("another seller's plan").isEqualTo(404);

        TestClient customer = l.customer().client();
        assertThat(customer.get("/seller/licenses").status()).isEqualTo(403);
        assertThat(customer.get(page(l)).status()).isEqualTo(403);

        assertThat(seller.postForm(page(l) + "/suspend", Map.of()).status()).as("no CSRF token").isEqualTo(403);
        assertThat(seller.postForm(page(l) + "/transfer", Map.of("email", email(l.customer()))).status()).isEqualTo(403);
        assertThat(seller.postForm("/seller/licenses", Map.of("planId", l.planId(), "email", email(l.customer()))).status()).isEqualTo(403);
        assertThat(seller.get("/api/v1/seller/licenses/" + l.id()).json().get("status").asText()).as("nothing changed").isEqualTo("active");
        assertThat(seller.get("/api/v1/seller/licenses/" + l.id()).json().get("audit")).isEmpty();
    }

    /**
     * The pages render in a real browser (the heading is there), and a screenshot of each goes to
     * target/screenshots for a person to check. Once, on SQLite: the pages do not differ by database.
     */
    @Test
    void theDetailPageRendersInChromium() throws Exception {
        LicenseFixture f = FIXTURES.get("sqlite");
        Lic l = buy(f, Map.of("durationSeconds", 30 * DAY_S, "graceSeconds", 7 * DAY_S, "maxUsers", 5)).lic();
        activate(f, l, "fp-a", "Ada's laptop");
        activate(f, l, "fp-b", "Build server");
        f.user("add", l, "ada@example.com");
        f.validate(l, Map.of("user", "ada@example.com"));
        TestClient seller = f.seller.client();
        act(seller, l, "form.suspend", Map.of(), "suspended");
        act(seller, l, "form.reinstate", Map.of(), "reinstated");
        act(seller, l, "form.extend", Map.of("days", "14"), "extended");
        try (Browser chromium = new Browser()) {
            chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1200, 2000));
            shoot(chromium, f, seller, page(l) + "?notice=extended", "seller-license");
            shoot(chromium, f, seller, "/seller/licenses", "seller-licenses");
        }
    }

    /** Opens the page as the seller's session got it, its links pointing at the running engine, and saves a screenshot. */
    private static void shoot(Browser chromium, LicenseFixture f, TestClient seller, String path, String name) throws Exception {
        String html = seller.get(path).body().replace("<head>", "<head><base href=\"" + f.e.base() + "/\">");
        Path file = Files.createTempFile(name + "-", ".html");
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
            chromium.open(file.toUri().toString());
            assertThat(chromium.text("h1")).contains("License");
            chromium.screenshot(name);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
