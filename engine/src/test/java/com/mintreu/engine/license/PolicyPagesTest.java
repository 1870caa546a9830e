package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seller's license policy page on both databases: the form read and sent as a browser would
 * (every field, checkboxes only when checked), checked against the JSON API and what validation answers.
 */
class PolicyPagesTest {

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

    static String page(String planId) {
        return "/seller/plans/" + planId + "/license-policy";
    }

    static String api(String planId) {
        return "/api/v1/seller/plans/" + planId + "/license-policy";
    }

    /** What a browser sends of {@code form}: inputs (checkboxes when checked), the selected options, textareas. */
    static Map<String, String> fields(Element form) {
        Map<String, String> f = new LinkedHashMap<>();
        for (Element i : form.select("input[name]")) {
            if (!i.attr("type").equals("checkbox") || i.hasAttr("checked")) {
                f.put(i.attr("name"), i.attr("value"));
            }
        }
        for (Element s : form.select("select[name]")) {
            Element chosen = s.selectFirst("option[selected]");
            f.put(s.attr("name"), (chosen == null ? s.selectFirst("option") : chosen).attr("value"));
        }
        form.select("textarea[name]").forEach(t -> f.put(t.attr("name"), t.wholeText()));
        return f;
    }

    /** Sends the page's form with {@code changes} (a null value unchecks or empties the field). */
    static Response save(TestClient seller, String planId, Map<String, String> changes) {
        Map<String, String> f = fields(seller.get(page(planId)).html().selectFirst("form.license-policy"));
        changes.forEach((k, v) -> {
            if (v == null) {
                f.remove(k);
            } else {
                f.put(k, v);
            }
        });
        return seller.postForm(page(planId), f);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theFormShowsTheDefaultsAndIsLinked(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Purchases.Item item = f.product();

        Document d = seller.get(page(item.planId())).html();
        assertThat(d.title()).contains(item.title() + " · Personal");
        assertThat(d.select("h1").text()).contains(item.title(), "Personal");
        assertThat(d.select(".is-default")).hasSize(1);
        Element form = d.selectFirst("form.license-policy");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.select("input[name=_csrf]").attr("value")).isNotBlank();
        Map<String, String> v = fields(form);
        assertThat(v).containsEntry("durationDays", "").containsEntry("expiryBasis", "purchase").containsEntry("expiryStrategy", "restrict")
                .containsEntry("graceDays", "").containsEntry("floating", "on").containsEntry("maxMachines", "3").containsEntry("maxUsers", "")
                .containsEntry("heartbeatMinutes", "").containsEntry("checkInDays", "").containsEntry("entitlements", "")
                .containsEntry("activationsPerHour", "10").doesNotContainKeys("requireFingerprint", "transferAllowed");
        assertThat(form.select("#expiryStrategy option").eachText()).hasSize(3).allMatch(t -> t.contains(":"));
        assertThat(d.select("script:not([src]), style, [style]")).as("CSP: no inline scripts or styles").isEmpty();

        // the links: per plan on the product page, and from a license of the plan
        Document product = seller.get("/seller/products/" + item.productId()).html();
        assertThat(product.select("a.policy-link").eachAttr("href")).containsExactly(page(item.planId()));
        Lic l = f.buy(item);
        assertThat(seller.get("/seller/licenses/" + l.id()).html().select("a.policy-link").attr("href")).isEqualTo(page(item.planId()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void savingChangesWhatTheApiAndValidationAnswer(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Purchases.Item item = f.product();
        Lic l = f.buy(item);
        assertThat(LicenseFixture.answer(f.validate(l, Map.of("entitlements", List.of("pro"))))).isEqualTo("false ENTITLEMENTS_MISSING");

        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("durationDays", "30");
        changes.put("expiryStrategy", "maintain");
        changes.put("graceDays", "7");
        changes.put("maxMachines", "3");
        changes.put("maxUsers", "5");
        changes.put("heartbeatMinutes", "15");
        changes.put("checkInDays", "2");
        changes.put("entitlements", "pro,\nexport, pro");
        changes.put("activationsPerHour", "4");
        changes.put("transferAllowed", "on");
        Response saved = save(seller, item.planId(), changes);
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.header("Location")).isEqualTo(page(item.planId()) + "?notice=saved");
        Document landed = seller.get(saved.header("Location")).html();
        assertThat(landed.select(".notice.ok").text()).contains("saved");
        assertThat(landed.select(".is-default")).isEmpty();

        JsonNode p = seller.get(api(item.planId())).json();
        assertThat(p.get("isDefault").asBoolean()).isFalse();
        assertThat(p.get("durationSeconds").asLong()).isEqualTo(30 * DAY_S);
        assertThat(p.get("expiryBasis").asText()).isEqualTo("purchase");
        assertThat(p.get("expiryStrategy").asText()).isEqualTo("maintain");
        assertThat(p.get("graceSeconds").asLong()).isEqualTo(7 * DAY_S);
        assertThat(p.get("floating").asBoolean()).isTrue();
        assertThat(p.get("maxMachines").asInt()).isEqualTo(3);
        assertThat(p.get("maxUsers").asInt()).isEqualTo(5);
        assertThat(p.get("requireFingerprint").asBoolean()).isFalse();
        assertThat(p.get("heartbeatSeconds").asLong()).isEqualTo(900);
        assertThat(p.get("checkInSeconds").asLong()).isEqualTo(2 * DAY_S);
        assertThat(p.get("entitlements")).extracting(JsonNode::asText).containsExactly("pro", "export");
        assertThat(p.get("activationsPerHour").asInt()).isEqualTo(4);
        assertThat(p.get("transferAllowed").asBoolean()).isTrue();

        // validation follows the saved policy at once
        assertThat(LicenseFixture.answer(f.validate(l, Map.of("entitlements", List.of("pro"))))).isEqualTo("false USER_SCOPE_REQUIRED");
        assertThat(f.user("add", l, "ada@example.com").get("code").asText()).isEqualTo("SEAT_CLAIMED");
        assertThat(LicenseFixture.answer(f.validate(l, Map.of("user", "ada@example.com", "entitlements", List.of("enterprise")))))
                .isEqualTo("false ENTITLEMENTS_MISSING");
        JsonNode ok = f.validate(l, Map.of("user", "ada@example.com", "entitlements", List.of("pro", "export")));
        assertThat(LicenseFixture.answer(ok)).isEqualTo("true VALID");
        assertThat(ok.get("license").get("maxUsers").asInt()).isEqualTo(5);

        // the page shows what was saved in its units, and sending it unchanged changes nothing
        Map<String, String> shown = fields(landed.selectFirst("form.license-policy"));
        assertThat(shown).containsEntry("durationDays", "30").containsEntry("graceDays", "7").containsEntry("heartbeatMinutes", "15")
                .containsEntry("checkInDays", "2").containsEntry("entitlements", "pro, export").containsEntry("transferAllowed", "on")
                .containsEntry("expiryStrategy", "maintain");
        assertThat(save(seller, item.planId(), Map.of()).status()).isEqualTo(303);
        JsonNode again = seller.get(api(item.planId())).json();
        assertThat(again).isEqualTo(p);

        // emptied fields and an unchecked box go back to none / unlimited / off
        Map<String, String> cleared = new LinkedHashMap<>();
        cleared.put("durationDays", "");
        cleared.put("maxUsers", "");
        cleared.put("heartbeatMinutes", "");
        cleared.put("entitlements", "");
        cleared.put("transferAllowed", null);
        assertThat(save(seller, item.planId(), cleared).status()).isEqualTo(303);
        JsonNode open = seller.get(api(item.planId())).json();
        assertThat(open.path("durationSeconds").isNull() || open.path("durationSeconds").isMissingNode()).as("durationSeconds").isTrue();
        assertThat(open.path("maxUsers").isNull() || open.path("maxUsers").isMissingNode()).as("maxUsers").isTrue();
        assertThat(open.path("heartbeatSeconds").isNull() || open.path("heartbeatSeconds").isMissingNode()).as("heartbeatSeconds").isTrue();
        assertThat(open.get("entitlements")).isEmpty();
        assertThat(open.get("transferAllowed").asBoolean()).isFalse();
        assertThat(LicenseFixture.answer(f.validate(l, null))).isEqualTo("true VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void durationsSetThroughTheApiThatAreNoWholeUnitSurviveTheForm(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Purchases.Item item = f.product();
        f.putPolicy(item.planId(), Map.of("durationSeconds", 3600, "heartbeatSeconds", 90, "floating", false, "maxMachines", 1));

        Map<String, String> shown = fields(seller.get(page(item.planId())).html().selectFirst("form.license-policy"));
        assertThat(shown).containsEntry("durationDays", "0.0417").containsEntry("heartbeatMinutes", "1.5").doesNotContainKey("floating")
                .containsEntry("maxMachines", "1");
        assertThat(save(seller, item.planId(), Map.of("activationsPerHour", "20")).status()).isEqualTo(303);
        JsonNode p = seller.get(api(item.planId())).json();
        assertThat(p.get("durationSeconds").asLong()).as("kept exactly, not 0.0417 days").isEqualTo(3600);
        assertThat(p.get("heartbeatSeconds").asLong()).isEqualTo(90);
        assertThat(p.get("floating").asBoolean()).isFalse();
        assertThat(p.get("activationsPerHour").asInt()).isEqualTo(20);

        assertThat(save(seller, item.planId(), Map.of("durationDays", "0.5")).status()).as("a changed value is read as typed").isEqualTo(303);
        assertThat(seller.get(api(item.planId())).json().get("durationSeconds").asLong()).isEqualTo(DAY_S / 2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badValuesReRenderTheFormWithTheProblemAndWhatWasTyped(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Purchases.Item item = f.product();
        f.putPolicy(item.planId(), Map.of("maxMachines", 4));
        JsonNode before = seller.get(api(item.planId())).json();

        Response zero = save(seller, item.planId(), Map.of("maxMachines", "0", "maxUsers", "5", "graceDays", "7", "entitlements", "pro"));
        assertThat(zero.status()).isEqualTo(422);
        Document d = zero.html();
        assertThat(d.select(".notice.error").text()).contains("Max machines: must be between 1 and 10000").doesNotContain("maxMachines");
        assertThat(d.select("#maxMachines ~ .field-error").text()).contains("between 1 and 10000");
        Map<String, String> kept = fields(d.selectFirst("form.license-policy"));
        assertThat(kept).containsEntry("maxMachines", "0").containsEntry("maxUsers", "5").containsEntry("graceDays", "7")
                .containsEntry("entitlements", "pro").containsEntry("floating", "on");
        assertThat(kept.get("_csrf")).isNotBlank();
        assertThat(d.select("script:not([src]), style, [style]")).isEmpty();

        Response nodeLocked = save(seller, item.planId(), withUnchecked(Map.of("maxMachines", "2"), "floating"));
        assertThat(nodeLocked.status()).isEqualTo(422);
        assertThat(nodeLocked.html().select("#maxMachines ~ .field-error").text()).contains("node-locked");
        assertThat(fields(nodeLocked.html().selectFirst("form.license-policy"))).doesNotContainKey("floating").containsEntry("maxMachines", "2");

        Response words = save(seller, item.planId(), Map.of("durationDays", "soon", "graceDays", "400", "entitlements", "pro plus", "maxUsers", "x"));
        assertThat(words.status()).isEqualTo(422);
        Document w = words.html();
        assertThat(w.select("#durationDays ~ .field-error").text()).isEqualTo("a number of days, or empty");
        assertThat(w.select("#graceDays ~ .field-error").text()).isEqualTo("must be between 0 and 366 days");
        assertThat(w.select("#entitlements ~ .field-error").text()).contains("1-64 characters");
        assertThat(w.select("#maxUsers ~ .field-error").text()).isEqualTo("a whole number");
        assertThat(fields(w.selectFirst("form.license-policy"))).containsEntry("durationDays", "soon").containsEntry("entitlements", "pro plus");

        assertThat(seller.get(api(item.planId())).json()).as("nothing was saved").isEqualTo(before);

        // node-locked with the count left at one (or emptied) is fine
        assertThat(save(seller, item.planId(), withUnchecked(Map.of("maxMachines", ""), "floating")).status()).isEqualTo(303);
        assertThat(seller.get(api(item.planId())).json().get("maxMachines").asInt()).isEqualTo(1);
    }

    static Map<String, String> withUnchecked(Map<String, String> changes, String box) {
        Map<String, String> m = new LinkedHashMap<>(changes);
        m.put(box, null);
        return m;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyThePlansSellerSeesAndSavesWithTheirToken(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        TestClient seller = f.seller.client();
        Purchases.Item item = f.product();
        TestClient other = TestUsers.signIn(f.e, "seller").client();

        Response notTheirs = other.get(page(item.planId()));
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.header("Content-Type")).startsWith("text/html");
        assertThat(notTheirs.html().select("h1").text()).isNotEmpty();
        assertThat(notTheirs.body()).doesNotContain(item.title());
        assertThat(other.get(page("pln_nope")).status()).isEqualTo(404);
        String otherCsrf = other.get("/seller/licenses").html().select("input[name=_csrf]").first().attr("value");
        assertThat(other.postForm(page(item.planId()), Map.of("_csrf", otherCsrf, "maxMachines", "7")).status()).isEqualTo(404);
        assertThat(other.postForm(page(item.planId()), Map.of("_csrf", otherCsrf, "maxMachines", "zero")).status())
                .as("a bad value does not reveal the plan either").isEqualTo(404);

        TestClient customer = TestUsers.signIn(f.e, "customer").client();
        assertThat(customer.get(page(item.planId())).status()).isEqualTo(403);

        Map<String, String> noToken = fields(seller.get(page(item.planId())).html().selectFirst("form.license-policy"));
        noToken.remove("_csrf");
        noToken.put("maxMachines", "7");
        assertThat(seller.postForm(page(item.planId()), noToken).status()).as("no CSRF token").isEqualTo(403);
        assertThat(seller.get(api(item.planId())).json().get("isDefault").asBoolean()).as("nothing changed").isTrue();
    }
}
