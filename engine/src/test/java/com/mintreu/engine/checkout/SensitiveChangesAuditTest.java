package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.signedEvent;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every sensitive change leaves an audit row (who, what, which object, before/after, from where),
 * read back over {@code /api/v1/admin/audit} as an admin would. Each step performs one action over
 * HTTP as the user who may do it and names the row it must have written. (In the checkout package
 * to reuse the money-path fixture for orders.)
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class SensitiveChangesAuditTest {

    private static final String IP = "127.0.0.1";
    private static final String PASSWORD = "Audit-me-please-42";

    /** The row an action must have written; {@code detail} holds the fields that must match exactly. */
    private record Expected(String action, String actorId, String actorRole, String subjectType, String subjectId, Map<String, Object> detail) {}

    @EngineTest
    void everySensitiveChangeIsAudited(TestEngine e) {
        TestUsers.User admin = TestUsers.signIn(e, "admin");
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        List<Expected> expected = new ArrayList<>();

        // products: submit, reject, submit again, approve, withdraw
        String product = draftProduct(seller.client());
        ok(seller.client().post("/api/v1/seller/products/" + product + "/submit", null, ""));
        expected.add(new Expected("product.submit", seller.id(), "seller", "product", product, Map.of("before", "draft", "after", "in_review")));
        ok(admin.client().postJson("/api/v1/admin/products/" + product + "/reject", Map.of("reason", "blurry screenshots")));
        expected.add(new Expected("product.reject", admin.id(), "admin", "product", product,
                Map.of("before", "in_review", "after", "rejected", "reason", "blurry screenshots")));
        ok(seller.client().post("/api/v1/seller/products/" + product + "/submit", null, ""));
        ok(admin.client().post("/api/v1/admin/products/" + product + "/approve", null, ""));
        expected.add(new Expected("product.approve", admin.id(), "admin", "product", product, Map.of("before", "in_review", "after", "published")));
        ok(seller.client().post("/api/v1/seller/products/" + product + "/withdraw", null, ""));
        expected.add(new Expected("product.withdraw", seller.id(), "seller", "product", product, Map.of("before", "published", "after", "draft")));

        // seller applications: one approved, one rejected
        TestUsers.User hopeful = TestUsers.signIn(e, "customer");
        String approved = apply(hopeful.client());
        ok(admin.client().post("/api/v1/admin/seller-applications/" + approved + "/approve", null, ""));
        expected.add(new Expected("seller_application.approve", admin.id(), "admin", "seller_application", approved,
                Map.of("before", "pending", "after", "approved", "applicant", hopeful.id())));
        TestUsers.User turnedDown = TestUsers.signIn(e, "customer");
        String rejected = apply(turnedDown.client());
        ok(admin.client().postJson("/api/v1/admin/seller-applications/" + rejected + "/reject", Map.of("reason", "no portfolio")));
        expected.add(new Expected("seller_application.reject", admin.id(), "admin", "seller_application", rejected,
                Map.of("before", "pending", "after", "rejected", "applicant", turnedDown.id(), "reason", "no portfolio")));

        // orders: the customer cancels their own, an admin cancels one and releases a held one
        String plan = publishedPlan(e, 2500);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String own = placeOrder(buyer.client(), plan).get("orderId").asText();
        ok(buyer.client().post("/api/v1/orders/" + own + "/cancel", null, ""));
        expected.add(new Expected("order.cancel", buyer.id(), "customer", "order", own, Map.of("before", "pending", "after", "canceled")));
        String byAdmin = placeOrder(TestUsers.signIn(e, "customer").client(), plan).get("orderId").asText();
        ok(admin.client().post("/api/v1/orders/" + byAdmin + "/cancel", null, ""));
        expected.add(new Expected("order.cancel", admin.id(), "admin", "order", byAdmin, Map.of("before", "pending", "after", "canceled")));
        TestClient payer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = placeOrder(payer, plan);
        String held = placed.get("orderId").asText();
        String reference = placed.get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        Map<String, String> wrongAmount = signedEvent("evt_audit_" + e.kind(), "payment.succeeded", reference, held, 1,
                Instant.ofEpochMilli(e.clock().millis()));
        ok(e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", wrongAmount.get("body"),
                Map.of("Mintreu-Sandbox-Signature", wrongAmount.get("signature"))));
        assertThat(status(payer, held)).isEqualTo("held");
        ok(admin.client().post("/api/v1/admin/orders/" + held + "/release", null, ""));
        expected.add(new Expected("order.release", admin.id(), "admin", "order", held, Map.of("before", "held", "after", "paid")));

        // a voucher
        Response voucher = admin.client().postJson("/api/v1/admin/vouchers", Map.of("code", "AUDIT10", "percent", 10));
        assertThat(voucher.status()).as(voucher.body()).isEqualTo(201);
        expected.add(new Expected("voucher.create", admin.id(), "admin", "voucher", voucher.json().get("id").asText(), Map.of()));

        // a license signing key rotation
        Response rotated = admin.client().post("/api/v1/admin/licenses/keys/engine/rotate", null, "");
        ok(rotated);
        Map<String, Object> retired = new LinkedHashMap<>();
        retired.put("retiredKid", text(rotated.json().path("retiredKid")));
        expected.add(new Expected("signing_key.rotate", admin.id(), "admin", "signing_key_scope", "engine", retired));

        // admin sign-ins: a wrong password, then the right one; a customer's sign-in is not an admin's
        String adminEmail = "boss-" + e.kind() + "@example.test";
        String boss = e.engine().component().adminAccounts().ensure(adminEmail, "Boss", PASSWORD, Set.of("admin")).userId();
        Response failed = e.client().postJson("/api/v1/auth/login", Map.of("email", adminEmail, "password", PASSWORD + "x"));
        assertThat(failed.status()).as(failed.body()).isEqualTo(401);
        expected.add(new Expected("admin.sign_in_failed", null, "anonymous", "user", boss, Map.of("email", adminEmail)));
        ok(e.client().postJson("/api/v1/auth/login", Map.of("email", adminEmail, "password", PASSWORD)));
        expected.add(new Expected("admin.sign_in", boss, "admin", "user", boss, Map.of("email", adminEmail)));
        String customerEmail = "shopper-" + e.kind() + "@example.test";
        String shopper = e.engine().component().adminAccounts().ensure(customerEmail, "Shopper", PASSWORD, Set.of()).userId();
        ok(e.client().postJson("/api/v1/auth/login", Map.of("email", customerEmail, "password", PASSWORD)));

        for (Expected x : expected) {
            JsonNode rows = admin.client().get("/api/v1/admin/audit?action=" + x.action() + "&subjectId=" + x.subjectId()).json().get("data");
            JsonNode row = null;
            for (JsonNode r : rows) {
                // the action filter is a prefix (admin.sign_in finds admin.sign_in_failed too); two cancels share the action
                if (r.get("action").asText().equals(x.action()) && java.util.Objects.equals(x.actorId(), text(r.path("actorId")))) {
                    row = r;
                }
            }
            assertThat(row).as(x + " in " + rows).isNotNull();
            assertThat(row.get("actorRole").asText()).as(x.action()).isEqualTo(x.actorRole());
            assertThat(row.get("subjectType").asText()).as(x.action()).isEqualTo(x.subjectType());
            assertThat(row.get("ip").asText()).as(x.action()).isEqualTo(IP);
            JsonNode detail = row.get("detail");
            x.detail().forEach((k, v) -> assertThat(text(detail.path(k))).as(x.action() + " " + k).isEqualTo(v));
            assertThat(detail.toString()).as(x.action()).doesNotContain(PASSWORD);
        }
        JsonNode voucherRow = admin.client().get("/api/v1/admin/audit?action=voucher.create").json().get("data").get(0);
        assertThat(voucherRow.get("detail").get("after").get("code").asText()).isEqualTo("AUDIT10");
        assertThat(admin.client().get("/api/v1/admin/audit?action=admin.&subjectId=" + shopper).json().get("data")).isEmpty();
        // the submit after the rejection is a row of its own: four product rows, then the withdrawal
        assertThat(admin.client().get("/api/v1/admin/audit?action=product.&subjectId=" + product).json().get("data").findValuesAsText("action"))
                .containsExactly("product.withdraw", "product.approve", "product.submit", "product.reject", "product.submit");
    }

    @EngineTest
    void aRefusedChangeWritesNoRow(TestEngine e) {
        TestUsers.User admin = TestUsers.signIn(e, "admin");
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String product = draftProduct(seller.client());
        // approving a draft is not a move the catalog allows: no change, so no audit row either
        assertThat(admin.client().post("/api/v1/admin/products/" + product + "/approve", null, "").status()).isEqualTo(409);
        assertThat(admin.client().get("/api/v1/admin/audit?subjectId=" + product).json().get("data")).isEmpty();
    }

    private static String draftProduct(TestClient seller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Audit Pack " + System.nanoTime());
        body.put("description", "Icons to audit.");
        body.put("type", "download");
        body.put("attributes", Map.of());
        body.put("categories", List.of());
        body.put("tags", List.of());
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Standard", "priceMinor", 900, "currency", "EUR", "grants", "all icons")).status()).isEqualTo(201);
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=icons.zip",
                "application/octet-stream", "PK-icons".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        return id;
    }

    private static String apply(TestClient customer) {
        Response r = customer.postJson("/api/v1/seller-applications",
                Map.of("businessName", "Pixel Works", "description", "We draw icons for a living."));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static JsonNode placeOrder(TestClient customer, String plan) {
        Response r = checkout(customer, plan, null, Map.of());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    /** A JSON value as text; absent and null alike are null (the API leaves nulls out). */
    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 204);
    }
}
