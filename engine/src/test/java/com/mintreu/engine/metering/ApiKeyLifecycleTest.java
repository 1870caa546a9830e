package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiKeyFlowTest.count;
import static com.mintreu.engine.metering.ApiProducts.code;
import static com.mintreu.engine.metering.ApiProducts.keyId;
import static com.mintreu.engine.metering.ApiProducts.newKey;
import static com.mintreu.engine.metering.ApiProducts.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What happens to keys after they are made, through the pages and the verify endpoint on both
 * databases: the customer renames, rolls (the old key works for the overlap) and revokes; the key
 * limit holds under a race; the seller suspends and unsuspends; a revoked or refunded purchase
 * revokes its keys. Every change is in the audit log.
 */
class ApiKeyLifecycleTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() {
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, ApiProducts.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    static ApiKeyFlowTest.Shop shop(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        return new ApiKeyFlowTest.Shop(e, seller, ApiProducts.withToken(e, seller), ApiProducts.publish(e, seller, Map.of("ratePerSecond", "50")));
    }

    static long audits(TestEngine e, String action, String keyId) {
        return count(e, "SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "' AND subject_id = ?", keyId);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theCustomerRenamesRollsAndRevokesTheirKeys(String kind) throws Exception {
        ApiKeyFlowTest.Shop s = shop(kind);
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        TestClient customer = b.customer().client();
        String first = newKey(customer, b.entitlementId(), "laptop");
        String id = keyId(customer, first);

        String tooLong = "n".repeat(81);
        Response refused = customer.submitForm("/account/api-keys", "#key-" + id + " form[action$=/name]", Map.of("name", tooLong));
        assertThat(refused.status()).isEqualTo(422);
        Element input = refused.html().selectFirst("#name-" + id);
        assertThat(input.attr("value")).as("input kept").isEqualTo(tooLong);
        assertThat(input.attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.html().select("#rename-" + id + "-name-error").text()).contains("1 to 80 characters");
        Response renamed = customer.submitForm("/account/api-keys", "#key-" + id + " form[action$=/name]", Map.of("name", "server"));
        assertThat(renamed.status()).isEqualTo(303);
        assertThat(customer.get(renamed.header("Location")).body()).contains("The key was renamed.");
        assertThat(audits(s.e(), "api_key.rename", id)).isEqualTo(1);

        // another customer knows nothing of it
        TestClient stranger = TestUsers.signIn(s.e(), "customer").client();
        for (String action : List.of("roll", "revoke", "name")) {
            assertThat(ApiProducts.postForm(stranger, "/account/api-keys/" + id + "/" + action, Map.of("name", "mine now")).status()).as(action).isEqualTo(404);
        }
        assertThat(ApiProducts.postForm(stranger, "/account/api-keys", Map.of("entitlementId", b.entitlementId(), "name", "x")).status()).isEqualTo(404);

        Response rolled = customer.submitForm("/account/api-keys", "#key-" + id + " form[action$=/roll]", Map.of());
        String second = ApiProducts.shownKey(rolled);
        assertThat(rolled.body()).contains("keeps working for a while");
        assertThat(second).isNotEqualTo(first);
        assertThat(customer.get("/account/api-keys").html().select("#key-" + id + " .status").text()).contains("rolled; works until");
        assertThat(ApiProducts.postForm(customer, "/account/api-keys/" + id + "/roll", Map.of()).status()).as("rolled once").isEqualTo(409);
        assertThat(audits(s.e(), "api_key.roll", id)).isEqualTo(1);
        String secondId = keyId(customer, second);

        String third = newKey(customer, b.entitlementId(), "spare");
        String thirdId = keyId(customer, third);
        Response revoked = customer.submitForm("/account/api-keys", "#key-" + thirdId + " form[action$=/revoke]", Map.of());
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(code(verify(s.server(), third, 1, null))).isEqualTo("REVOKED");
        assertThat(audits(s.e(), "api_key.revoke", thirdId)).isEqualTo(1);

        assertThat(code(verify(s.server(), first, 1, null))).as("the overlap").isEqualTo("VALID");
        assertThat(code(verify(s.server(), second, 1, null))).isEqualTo("VALID");
        s.e().clock().advance(Duration.ofHours(2).plusMillis(1));
        assertThat(code(verify(s.server(), first, 1, null))).as("apiKeys.rollOverlap is 2h here").isEqualTo("EXPIRED");
        assertThat(code(verify(s.server(), second, 1, null))).isEqualTo("VALID");
        assertThat(secondId).isNotEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPurchaseHoldsAtMostItsKeyLimitEvenWhenCustomersRace(String kind) throws Exception {
        ApiKeyFlowTest.Shop s = shop(kind);
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        TestClient customer = b.customer().client();
        String csrf = customer.get("/account/api-keys").html().selectFirst("form.new-key input[type=hidden]").attr("value");
        String csrfField = customer.get("/account/api-keys").html().selectFirst("form.new-key input[type=hidden]").attr("name");
        List<Response> answers = Race.of(8, i -> customer.postForm("/account/api-keys",
                Map.of(csrfField, csrf, "entitlementId", b.entitlementId(), "name", "racer " + i)));
        assertThat(answers.stream().filter(r -> r.status() == 201).count()).as("apiKeys.maxKeysPerPurchase is 3 here").isEqualTo(3);
        assertThat(answers.stream().filter(r -> r.status() == 409).count()).isEqualTo(5);
        Response full = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(full.html().select(".notice.error").text()).contains("3 keys, the most it may have");
        assertThat(count(s.e(), "SELECT COUNT(*) FROM api_keys WHERE entitlement_id = ?", b.entitlementId())).isEqualTo(3);

        Response blank = ApiProducts.createOnPage(customer, b.entitlementId(), "  ");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.html().select("#create-" + b.entitlementId() + "-name-error").text()).contains("1 to 80 characters");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSellerSuspendsAndUnsuspendsAKeyOfTheirProduct(String kind) throws Exception {
        ApiKeyFlowTest.Shop s = shop(kind);
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        String key = newKey(b.customer().client(), b.entitlementId(), "prod");
        String id = keyId(b.customer().client(), key);
        TestClient seller = s.seller().client();
        Response list = seller.get("/seller/api-keys");
        assertThat(list.html().select("#key-" + id).text()).contains(key.substring(0, 14)).contains("prod").contains("active")
                .doesNotContain(key.substring(14));

        TestClient otherSeller = TestUsers.signIn(s.e(), "seller").client();
        assertThat(otherSeller.get("/seller/api-keys").html().select("#key-" + id)).isEmpty();
        assertThat(ApiProducts.postForm(otherSeller, "/seller/api-keys/" + id + "/suspend", Map.of()).status()).isEqualTo(404);
        assertThat(ApiProducts.postForm(b.customer().client(), "/seller/api-keys/" + id + "/suspend", Map.of()).status()).isEqualTo(403);

        Response suspended = seller.submitForm("/seller/api-keys", "#key-" + id + " form.suspend", Map.of("reason", "abuse reported"));
        assertThat(suspended.status()).isEqualTo(303);
        assertThat(seller.get(suspended.header("Location")).html().select("#key-" + id + " .status").text()).isEqualTo("suspended");
        assertThat(code(verify(s.server(), key, 1, null))).isEqualTo("SUSPENDED");
        assertThat(count(s.e(), "SELECT COUNT(*) FROM audit_log WHERE action = 'api_key.suspend' AND detail LIKE '%abuse reported%' AND subject_id = ?", id))
                .isEqualTo(1);
        assertThat(ApiProducts.postForm(b.customer().client(), "/account/api-keys/" + id + "/roll", Map.of()).status()).as("no way round a suspension")
                .isEqualTo(409);

        assertThat(seller.postForm("/seller/api-keys/" + id + "/unsuspend", Map.of()).status()).as("a form without its CSRF token").isEqualTo(403);
        Response again = ApiProducts.postForm(seller, "/seller/api-keys/" + id + "/suspend", Map.of());
        assertThat(again.header("Location")).endsWith("notice=unchanged");
        assertThat(seller.submitForm("/seller/api-keys", "#key-" + id + " form.unsuspend", Map.of()).status()).isEqualTo(303);
        assertThat(code(verify(s.server(), key, 1, null))).isEqualTo("VALID");
        assertThat(audits(s.e(), "api_key.unsuspend", id)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRevokedPurchaseRevokesItsKeys(String kind) throws Exception {
        ApiKeyFlowTest.Shop s = shop(kind);
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        String key = newKey(b.customer().client(), b.entitlementId(), "prod");
        String id = keyId(b.customer().client(), key);
        TestClient admin = TestUsers.signIn(s.e(), "admin").client();
        assertThat(admin.postJson("/api/v1/admin/entitlements/" + b.entitlementId() + "/revoke", Map.of("reason", "fraud")).status()).isEqualTo(200);
        assertThat(code(verify(s.server(), key, 1, null))).as("at once, before the event is delivered").isEqualTo("REVOKED");

        deliver(s.e());
        assertThat(status(s.e(), id)).isEqualTo("revoked");
        assertThat(count(s.e(), "SELECT COUNT(*) FROM audit_log WHERE action = 'api_key.revoke' AND actor_role = 'system' AND subject_id = ?", id))
                .isEqualTo(1);
        deliver(s.e());
        assertThat(audits(s.e(), "api_key.revoke", id)).as("once").isEqualTo(1);
        Response page = b.customer().client().get("/account/api-keys");
        assertThat(page.body()).contains("its keys no longer work");
        assertThat(page.html().select("section:has(#purchase-" + b.entitlementId() + ") form.new-key")).isEmpty();
        assertThat(ApiProducts.postForm(b.customer().client(), "/account/api-keys", Map.of("entitlementId", b.entitlementId(), "name", "x")).status())
                .isEqualTo(409);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRefundThroughTheGatewayRevokesTheKeys(String kind) throws Exception {
        ApiKeyFlowTest.Shop s = shop(kind);
        TestUsers.User customer = TestUsers.signIn(s.e(), "customer");
        TestClient c = customer.client();
        assertThat(c.postJson("/api/v1/cart/items", Map.of("planId", s.item().planId(), "quantity", 1)).status()).isEqualTo(200);
        Response placed = c.postJson("/api/v1/checkout", Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        payOnSandbox(c, placed.json().get("paymentUrl").asText());
        deliver(s.e());
        String entitlementId = ApiProducts.entitlementOf(c, orderId);
        String key = newKey(c, entitlementId, "prod");
        assertThat(code(verify(s.server(), key, 1, null))).isEqualTo("VALID");

        String lineId = c.get("/api/v1/orders/" + orderId).json().get("lines").get(0).get("id").asText();
        Response asked = c.postJson("/api/v1/orders/" + orderId + "/refunds", Map.of("lines", List.of(Map.of("lineId", lineId)), "reason", "not for me"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        Response approved = s.seller().client().postJson("/api/v1/refunds/" + asked.json().get("id").asText() + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        deliver(s.e());
        assertThat(code(verify(s.server(), key, 1, null))).isEqualTo("REVOKED");
        assertThat(status(s.e(), keyId(c, key))).isEqualTo("revoked");
    }

    static void payOnSandbox(TestClient customer, String paymentUrl) {
        Response page = customer.get(paymentUrl);
        Element form = page.html().selectFirst("form[method=post]");
        assertThat(form).as(page.body()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        assertThat(customer.postForm(URI.create(paymentUrl).resolve(form.attr("action")).toString(), fields).status()).isEqualTo(303);
    }

    static void deliver(TestEngine e) {
        for (int i = 0; i < 3; i++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
    }

    static String status(TestEngine e, String keyId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM api_keys WHERE id = :id").bind("id", keyId).mapTo(String.class).one());
    }
}
