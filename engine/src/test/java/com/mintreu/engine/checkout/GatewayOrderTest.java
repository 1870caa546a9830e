package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.plugin.UnknownOutcomeGateway;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * "Payment methods" (issue 11, point 3): the admin orders the running gateways and picks the
 * default, over the API and the page; the cart and "Pay now" follow on every node; the config's
 * default applies until the admin chooses; a gateway that does not run keeps its place; audited.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class GatewayOrderTest {

    static final String SANDBOX = "payment-sandbox";
    static final String UNKNOWN = UnknownOutcomeGateway.ID;
    static final String SANDBOX_NAME = "Sandbox (test payment, no real money)";

    /** An engine running two gateways: the sandbox and "Unknown Pay". */
    private static TestEngine twoGateways(TestEngine shared, String extraYaml) {
        return TestEngine.boot(shared.kind(), MoneyPathFixture.CONFIG + extraYaml, true, UnknownOutcomeGateway::writeTo);
    }

    private static Response arrange(TestClient admin, List<String> order, String defaultGateway) {
        Map<String, Object> body = new HashMap<>();
        body.put("order", order);
        body.put("defaultGateway", defaultGateway);
        return admin.putJson("/api/v1/admin/payment-methods", body);
    }

    /** The cart's "Pay with" radios, first to last, and which one is checked ("" when none). */
    private record Offer(List<String> ids, List<String> labels, String checked) {}

    private static Offer offer(Document page) {
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String checked = "";
        for (Element radio : page.select("input[name=gateway]")) {
            ids.add(radio.attr("value"));
            labels.add(radio.parent().text());
            if (radio.hasAttr("checked")) {
                checked = radio.attr("value");
            }
        }
        return new Offer(ids, labels, checked);
    }

    private static Offer cart(TestClient customer) {
        Response r = customer.get("/cart");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return offer(r.html());
    }

    private static List<String> ids(Response list) {
        List<String> out = new ArrayList<>();
        list.json().get("data").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @EngineTest
    void onlyAdminsSeeOrArrangePaymentMethods(TestEngine e) {
        for (String role : new String[] {"customer", "seller"}) {
            TestClient c = TestUsers.signIn(e, role).client();
            assertThat(c.get("/api/v1/admin/payment-methods").status()).as(role).isEqualTo(403);
            assertThat(arrange(c, List.of(SANDBOX), SANDBOX).status()).as(role).isEqualTo(403);
            assertThat(c.get("/admin/payment-methods").status()).as(role).isEqualTo(403);
            // a valid CSRF token from the user's own page: the refusal is about the role
            Response post = c.postForm("/admin/payment-methods", Map.of("_csrf", c.get("/account").html().select("#password-form input[name=_csrf]").val(),
                    "defaultGateway", SANDBOX));
            assertThat(post.status()).as(role + ": " + post.body()).isEqualTo(403);
        }
        assertThat(e.client().get("/api/v1/admin/payment-methods").status()).isEqualTo(401);
        assertThat(arrange(e.client(), List.of(SANDBOX), null).status()).isEqualTo(401);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        long audited = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'payment_methods.save'")
                .mapTo(Long.class).one());
        assertThat(audited).as("nothing refused was saved").isZero();
        Response list = admin.get("/api/v1/admin/payment-methods");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).containsExactly(SANDBOX);
        assertThat(list.json().get("data").get(0).get("state").asText()).isEqualTo("running");
        assertThat(list.json().get("data").get(0).get("default").asBoolean()).as("the only one running").isTrue();
    }

    @EngineTest
    void theAdminsOrderAndDefaultAreWhatTheCartOffersAndCheckoutUses(TestEngine shared) {
        try (TestEngine e = twoGateways(shared, "")) {
            String plan = publishedPlan(e, 1500);
            TestUsers.User admin = TestUsers.signIn(e, "admin");
            TestClient customer = TestUsers.signIn(e, "customer").client();
            assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);

            Offer before = cart(customer);
            assertThat(before.ids()).as("never arranged: by display name").containsExactly(SANDBOX, UNKNOWN);
            assertThat(before.labels()).containsExactly(SANDBOX_NAME, "Unknown Pay");
            assertThat(before.checked()).as("two running, no default: the buyer chooses").isEmpty();

            Response saved = arrange(admin.client(), List.of(UNKNOWN, SANDBOX), UNKNOWN);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(ids(saved)).containsExactly(UNKNOWN, SANDBOX);
            JsonNode first = saved.json().get("data").get(0);
            assertThat(first.get("displayName").asText()).isEqualTo("Unknown Pay");
            assertThat(first.get("position").asInt()).isEqualTo(1);
            assertThat(first.get("default").asBoolean()).isTrue();
            assertThat(saved.json().get("data").get(1).get("default").asBoolean()).isFalse();

            Offer after = cart(customer);
            assertThat(after.ids()).containsExactly(UNKNOWN, SANDBOX);
            assertThat(after.labels()).containsExactly("Unknown Pay", SANDBOX_NAME);
            assertThat(after.checked()).isEqualTo(UNKNOWN);
            assertThat(ids(admin.client().get("/api/v1/admin/payment-methods"))).as("persisted").containsExactly(UNKNOWN, SANDBOX);

            Response placed = customer.postJson("/api/v1/checkout", Map.of());
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String orderId = placed.json().get("orderId").asText();
            assertThat(customer.get("/api/v1/orders/" + orderId).json().get("gateway").asText()).as("no gateway named: the admin's default")
                    .isEqualTo(UNKNOWN);

            JsonNode audit = admin.client().get("/api/v1/admin/audit?action=payment_methods.save").json().get("data");
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0).get("actorId").asText()).isEqualTo(admin.id());
            assertThat(audit.get(0).get("subjectType").asText()).isEqualTo("payment_methods");
            assertThat(audit.get(0).get("detail").get("afterOrder").toString()).isEqualTo("[\"" + UNKNOWN + "\",\"" + SANDBOX + "\"]");
            assertThat(audit.get(0).get("detail").get("beforeDefault").asText()).isEmpty();
            assertThat(audit.get(0).get("detail").get("afterDefault").asText()).isEqualTo(UNKNOWN);
        }
    }

    @EngineTest
    void badArrangementsAre422NamingTheFieldAndSaveNothing(TestEngine shared) {
        try (TestEngine e = twoGateways(shared, "")) {
            TestClient admin = TestUsers.signIn(e, "admin").client();
            Map<String, Response> bad = new java.util.LinkedHashMap<>();
            bad.put("order", arrange(admin, List.of(UNKNOWN, "payment-nope"), null));
            bad.put("order ", arrange(admin, List.of(UNKNOWN, UNKNOWN), null));
            bad.put("defaultGateway", arrange(admin, List.of(UNKNOWN), "payment-nope"));
            bad.put(" order", admin.putJson("/api/v1/admin/payment-methods", Map.of("defaultGateway", SANDBOX)));
            bad.forEach((field, r) -> {
                assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(422);
                assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
                assertThat(r.body()).as(field).contains("\"" + field.strip() + "\"");
            });
            Response unknownField = admin.putJson("/api/v1/admin/payment-methods", Map.of("order", List.of(), "prices", 1));
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
            assertThat(ids(admin.get("/api/v1/admin/payment-methods"))).as("unchanged").containsExactly(SANDBOX, UNKNOWN);

            Response partial = arrange(admin, List.of(UNKNOWN), null);
            assertThat(partial.status()).as(partial.body()).isEqualTo(200);
            assertThat(ids(partial)).as("those left out follow").containsExactly(UNKNOWN, SANDBOX);
        }
    }

    @EngineTest
    void thePageMovesSavesAndShowsBadPositionsBesideTheirFields(TestEngine shared) {
        try (TestEngine e = twoGateways(shared, "")) {
            TestClient admin = TestUsers.signIn(e, "admin").client();
            Document page = admin.get("/admin/payment-methods").html();
            assertThat(page.select("tr.method").eachAttr("id")).containsExactly("method-" + SANDBOX, "method-" + UNKNOWN);
            assertThat(page.select("tr.method th").eachText()).containsExactly(SANDBOX_NAME + " " + SANDBOX, "Unknown Pay " + UNKNOWN);
            assertThat(page.select("tr.method .state").eachText()).containsOnly("running");

            Response moved = admin.submitForm("/admin/payment-methods", "form.payment-methods",
                    Map.of("move", UNKNOWN + ":up", "defaultGateway", UNKNOWN));
            assertThat(moved.status()).as(moved.body()).isIn(302, 303);
            page = admin.get("/admin/payment-methods?notice=saved").html();
            assertThat(page.select("tr.method").eachAttr("id")).containsExactly("method-" + UNKNOWN, "method-" + SANDBOX);
            assertThat(page.select("input[name=defaultGateway][checked]").val()).isEqualTo(UNKNOWN);
            assertThat(page.select(".notice").text()).contains("Saved");

            Response typed = admin.submitForm("/admin/payment-methods", "form.payment-methods",
                    Map.of("position-" + SANDBOX, "1", "position-" + UNKNOWN, "2", "defaultGateway", UNKNOWN));
            assertThat(typed.status()).as(typed.body()).isIn(302, 303);
            assertThat(ids(admin.get("/api/v1/admin/payment-methods"))).containsExactly(SANDBOX, UNKNOWN);

            Response wrong = admin.submitForm("/admin/payment-methods", "form.payment-methods",
                    Map.of("position-" + SANDBOX, "first", "position-" + UNKNOWN, "1", "defaultGateway", SANDBOX));
            assertThat(wrong.status()).isEqualTo(422);
            Document again = wrong.html();
            Element input = again.selectFirst("input[name=position-" + SANDBOX + "]");
            assertThat(input.val()).as("input kept").isEqualTo("first");
            assertThat(input.attr("aria-invalid")).isEqualTo("true");
            assertThat(input.parent().select(".field-error").text()).contains("whole number");
            assertThat(again.select("input[name=defaultGateway][checked]").val()).as("choice kept").isEqualTo(SANDBOX);
            assertThat(again.select(".notice.error").text()).contains("Nothing was saved").contains("Position of " + SANDBOX_NAME);

            Response notRunning = admin.submitForm("/admin/payment-methods", "form.payment-methods", Map.of("defaultGateway", "payment-nope"));
            assertThat(notRunning.status()).isEqualTo(422);
            assertThat(notRunning.html().select("fieldset .field-error").text()).contains("not a running payment method");

            assertThat(ids(admin.get("/api/v1/admin/payment-methods"))).as("refused forms saved nothing").containsExactly(SANDBOX, UNKNOWN);
            assertThat(admin.get("/api/v1/admin/audit?action=payment_methods.save").json().get("data")).hasSize(2);
        }
    }

    @EngineTest
    void theConfigDefaultAppliesUntilTheAdminChoosesAndAgainWhenTheyClearIt(TestEngine shared) {
        try (TestEngine e = twoGateways(shared, "orders: {defaultGateway: payment-sandbox}\n")) {
            String plan = publishedPlan(e, 700);
            TestClient admin = TestUsers.signIn(e, "admin").client();
            TestClient customer = TestUsers.signIn(e, "customer").client();
            assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
            assertThat(cart(customer).checked()).isEqualTo(SANDBOX);
            assertThat(admin.get("/admin/payment-methods").html().select(".default-now").text()).contains("orders.defaultGateway");

            assertThat(arrange(admin, List.of(SANDBOX, UNKNOWN), UNKNOWN).status()).isEqualTo(200);
            assertThat(cart(customer).checked()).as("the admin's choice comes first").isEqualTo(UNKNOWN);
            assertThat(admin.get("/admin/payment-methods").html().select(".default-now").text()).contains("your choice");

            assertThat(arrange(admin, List.of(SANDBOX, UNKNOWN), null).status()).isEqualTo(200);
            assertThat(cart(customer).checked()).as("cleared: the config again").isEqualTo(SANDBOX);
        }
    }

    @EngineTest
    void aNodeWhereAGatewayIsDisabledDoesNotOfferItButKeepsItsPlace(TestEngine shared) {
        try (TestEngine e = twoGateways(shared, "")) {
            String plan = publishedPlan(e, 900);
            TestClient admin = TestUsers.signIn(e, "admin").client();
            assertThat(arrange(admin, List.of(UNKNOWN, SANDBOX), UNKNOWN).status()).isEqualTo(200);
            try (TestEngine node2 = TestEngine.secondNode(e, MoneyPathFixture.CONFIG + "plugins: {payment-unknown: {enabled: false}}\n", true,
                    UnknownOutcomeGateway::writeTo)) {
                TestClient customer2 = TestUsers.signIn(node2, "customer").client();
                assertThat(customer2.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
                Document cart2 = customer2.get("/cart").html();
                assertThat(cart2.select("input[name=gateway]")).as("one method left: no choice to make").isEmpty();
                assertThat(cart2.select("#pay").first().parent().text()).contains("You pay with " + SANDBOX_NAME).doesNotContain("Unknown Pay");

                Response list2 = TestUsers.signIn(node2, "admin").client().get("/api/v1/admin/payment-methods");
                assertThat(ids(list2)).as("its saved place is kept").containsExactly(UNKNOWN, SANDBOX);
                JsonNode unknown = list2.json().get("data").get(0);
                assertThat(unknown.get("state").asText()).isEqualTo("disabled");
                assertThat(unknown.get("displayName").asText()).as("the name it last showed").isEqualTo("Unknown Pay");
                assertThat(unknown.get("default").asBoolean()).as("not running: not the default here").isFalse();
                assertThat(list2.json().get("data").get(1).get("default").asBoolean()).as("the only one running").isTrue();

                Response placed = customer2.postJson("/api/v1/checkout", Map.of());
                assertThat(placed.status()).as(placed.body()).isEqualTo(201);
                assertThat(customer2.get("/api/v1/orders/" + placed.json().get("orderId").asText()).json().get("gateway").asText()).isEqualTo(SANDBOX);
            }
            JsonNode still = admin.get("/api/v1/admin/payment-methods").json().get("data");
            assertThat(still.get(0).get("id").asText()).isEqualTo(UNKNOWN);
            assertThat(still.get(0).get("default").asBoolean()).as("where it runs, the admin's default holds").isTrue();
        }
    }

    @EngineTest
    void racingSavesEachApplyWholeAndTheLastWins(TestEngine shared) throws Exception {
        try (TestEngine e = twoGateways(shared, "")) {
            TestClient admin = TestUsers.signIn(e, "admin").client();
            int n = 12;
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
                for (int i = 0; i < n; i++) {
                    List<String> order = i % 2 == 0 ? List.of(UNKNOWN, SANDBOX) : List.of(SANDBOX, UNKNOWN);
                    results.add(pool.submit(() -> {
                        start.await();
                        return arrange(admin, order, order.getFirst()).status();
                    }));
                }
                start.countDown();
                for (var r : results) {
                    assertThat(r.get()).isEqualTo(200);
                }
            }
            JsonNode now = admin.get("/api/v1/admin/payment-methods").json().get("data");
            assertThat(now).hasSize(2);
            assertThat(now.get(0).get("default").asBoolean()).as("each save whole: its first is its default").isTrue();
            assertThat(now.get(0).get("position").asInt()).isEqualTo(1);
            JsonNode audit = admin.get("/api/v1/admin/audit?action=payment_methods.save&limit=200").json().get("data");
            assertThat(audit).hasSize(n);
            assertThat(audit.get(0).get("detail").get("afterDefault").asText()).as("the last save is what stays")
                    .isEqualTo(now.get(0).get("id").asText());
        }
    }

    @EngineTest
    void theAdminsOrderPageNamesTheGatewayByItsDisplayName(TestEngine e) {
        String plan = publishedPlan(e, 1100);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        Document page = TestUsers.signIn(e, "admin").client().get("/admin/orders/" + placed.json().get("orderId").asText()).html();
        assertThat(page.select("form.check-again button").text()).isEqualTo("Check again with " + SANDBOX_NAME);
    }
}
