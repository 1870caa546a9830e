package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.license.OpenApiChecker;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json} against the router and real answers: every
 * {@code /api/v1} route the router holds is documented (and nothing else is), every feature's error
 * codes are listed, and real answers of a user's walk through the API match their documented
 * status and schema. The license client API is checked field by field in {@code license.OpenApiContractTest}.
 */
@WithConfig(value = "outbox: {pollInterval: 1h}\n", bundledPlugins = true)
class ApiDocumentTest {

    /** "METHOD path" of each {@code /api/v1} route that {@code doc} does not describe. */
    static List<String> undocumented(List<Router.Route> routes, JsonNode doc) {
        List<String> missing = new ArrayList<>();
        for (Router.Route r : routes) {
            if (r.path().startsWith("/api/v1/") && !doc.path("paths").path(r.path()).has(r.method().toLowerCase(Locale.ROOT))) {
                missing.add(r.method() + " " + r.path());
            }
        }
        return missing;
    }

    /** Fails naming every undocumented route, and tells the developer where its documentation goes. */
    static void assertDocumented(List<Router.Route> routes, JsonNode doc) {
        List<String> missing = undocumented(routes, doc);
        if (!missing.isEmpty()) {
            throw new AssertionError("routes not in /api/v1/openapi.json (add them to openapi/<feature>.yaml): " + missing);
        }
    }

    @EngineTest
    void everyApiRouteIsDocumentedAndEveryDocumentedOneExists(TestEngine e) {
        Response served = e.client().get("/api/v1/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        JsonNode doc = served.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.1.");
        List<Router.Route> routes = e.engine().component().router().routes();
        assertDocumented(routes, doc);

        Set<String> real = new TreeSet<>();
        routes.forEach(r -> real.add(r.method().toLowerCase(Locale.ROOT) + " " + r.path()));
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + p.getKey())));
        assertThat(real).as("documented operations the router does not have").containsAll(documented);
        assertThat(documented).hasSizeGreaterThan(80);
    }

    @Test
    void anUndocumentedRouteFailsTheCheck() {
        ObjectNode doc = OpenApiDocument.assemble(Set.of("account"));
        List<Router.Route> routes = List.of(new Router.Route("GET", "/api/v1/tokens", ApiDocumentTest.class),
                new Router.Route("GET", "/cart", ApiDocumentTest.class));
        assertDocumented(routes, doc);

        List<Router.Route> withExtra = new ArrayList<>(routes);
        withExtra.add(new Router.Route("POST", "/api/v1/tokens/{id}/rename", ApiDocumentTest.class));
        assertThatThrownBy(() -> assertDocumented(withExtra, doc)).hasMessageContaining("[POST /api/v1/tokens/{id}/rename]");

        ((ObjectNode) doc.get("paths")).remove("/api/v1/tokens");
        assertThatThrownBy(() -> assertDocumented(routes, doc)).hasMessageContaining("[GET /api/v1/tokens]");
    }

    @Test
    void aRouteDocumentedByTwoFragmentsIsAnError() {
        ObjectNode doc = OpenApiDocument.assemble(Set.of("order"));
        JsonNode again = OpenApiDocument.assemble(Set.of("order"));
        ObjectNode fragment = Json.MAPPER.createObjectNode();
        fragment.set("paths", again.get("paths"));
        assertThatThrownBy(() -> OpenApiDocument.merge(doc, fragment, "twice.yaml"))
                .hasMessageContaining("twice.yaml").hasMessageContaining("documented twice");
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.putObject("info");
        assertThatThrownBy(() -> OpenApiDocument.merge(doc, info, "info.yaml")).hasMessageContaining("not 'info'");
    }

    @Test
    void everyErrorCodeIsDocumented() throws Exception {
        JsonNode doc = OpenApiDocument.assemble(Set.of("account", "catalog", "entitlement", "license", "order", "metering"));
        Set<String> documented = new TreeSet<>();
        doc.at("/components/schemas").properties().forEach(s -> {
            if (s.getKey().endsWith("ErrorCode")) {
                s.getValue().get("enum").forEach(c -> documented.add(c.asText()));
            }
        });
        // some are package-private in their feature, so by name
        for (String name : List.of("web.CommonError", "web.PluginError", "account.AccountError", "catalog.CatalogError",
                "entitlement.EntitlementError", "license.LicenseLifecycleError", "order.OrderError", "metering.MeteringError")) {
            Class<?> type = Class.forName("com.mintreu.engine." + name);
            for (Object c : type.getEnumConstants()) {
                assertThat(documented).as(type.getSimpleName()).contains(((ErrorCode) c).code());
            }
        }
    }

    @EngineTest
    void realAnswersMatchTheDocument(TestEngine e) {
        Walk w = new Walk(e, new OpenApiChecker(e.client().get("/api/v1/openapi.json").json(), false));
        TestClient anon = e.client();
        TestClient seller = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        TestClient customer = TestUsers.signIn(e, "customer").client();

        // account
        String email = "walker" + System.nanoTime() + "@example.com";
        w.call("post", "/api/v1/auth/register", 201, anon.postJson("/api/v1/auth/register", Map.of("email", email, "password", "correct horse battery", "displayName", "Walker")));
        w.call("post", "/api/v1/auth/register", 409, anon.postJson("/api/v1/auth/register", Map.of("email", email, "password", "correct horse battery", "displayName", "Walker")));
        w.call("post", "/api/v1/auth/register", 415, anon.post("/api/v1/auth/register", "text/plain", "{}"));
        w.call("post", "/api/v1/auth/register", 400, anon.post("/api/v1/auth/register", "application/json", "{nope"));
        TestClient walker = e.client();
        w.call("post", "/api/v1/auth/login", 401, walker.postJson("/api/v1/auth/login", Map.of("email", email, "password", "wrong password!")));
        w.call("post", "/api/v1/auth/login", 200, walker.postJson("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery")));
        Response me = w.call("get", "/api/v1/auth/me", 200, walker.get("/api/v1/auth/me"));
        walker.csrfHeader(me.json().get("csrfToken").asText()); // a script of the shop's own pages sends it on every change
        w.call("get", "/api/v1/auth/me", 401, anon.get("/api/v1/auth/me"));
        w.call("post", "/api/v1/auth/forgot-password", 202, anon.postJson("/api/v1/auth/forgot-password", Map.of("email", email)));
        w.call("post", "/api/v1/auth/verify-email", 400, anon.postJson("/api/v1/auth/verify-email", Map.of("token", "nope")));
        Response token = w.call("post", "/api/v1/tokens", 201, walker.postJson("/api/v1/tokens", Map.of("name", "ci")));
        w.call("get", "/api/v1/tokens", 200, walker.get("/api/v1/tokens"));
        w.call("post", "/api/v1/seller-applications", 201, walker.postJson("/api/v1/seller-applications",
                Map.of("businessName", "Walker Ltd", "description", "We walk APIs.")));
        w.call("get", "/api/v1/seller-applications/mine", 200, walker.get("/api/v1/seller-applications/mine"));
        Response queue = w.call("get", "/api/v1/admin/seller-applications", 200, admin.get("/api/v1/admin/seller-applications"));
        w.call("get", "/api/v1/admin/seller-applications", 403, customer.get("/api/v1/admin/seller-applications"));
        String application = list(queue).get(0).get("id").asText();
        w.call("post", "/api/v1/admin/seller-applications/{id}/approve", 200, admin.post("/api/v1/admin/seller-applications/" + application + "/approve", null, ""));
        w.call("post", "/api/v1/admin/seller-applications/{id}/approve", 409, admin.post("/api/v1/admin/seller-applications/" + application + "/approve", null, ""));
        w.call("delete", "/api/v1/tokens/{id}", 204, walker.delete("/api/v1/tokens/" + token.json().get("id").asText()));
        w.call("post", "/api/v1/auth/logout", 204, walker.post("/api/v1/auth/logout", null, ""));

        // catalog: a seller's product from draft to published
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("title", "Walk Pack " + System.nanoTime());
        product.put("description", "Icons.");
        product.put("type", "download");
        product.put("attributes", Map.of());
        product.put("categories", List.of());
        product.put("tags", List.of("icons"));
        Response created = w.call("post", "/api/v1/seller/products", 201, seller.postJson("/api/v1/seller/products", product));
        w.call("post", "/api/v1/seller/products", 422, seller.postJson("/api/v1/seller/products", Map.of("title", "")));
        w.call("post", "/api/v1/seller/products", 403, customer.postJson("/api/v1/seller/products", product));
        String id = created.json().get("id").asText();
        w.call("put", "/api/v1/seller/products/{id}", 200, seller.putJson("/api/v1/seller/products/" + id, product));
        w.call("get", "/api/v1/seller/products/{id}", 200, seller.get("/api/v1/seller/products/" + id));
        w.call("get", "/api/v1/seller/products", 200, seller.get("/api/v1/seller/products"));
        Response plan = w.call("post", "/api/v1/seller/products/{id}/plans", 201, seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Standard", "priceMinor", 1500, "currency", "EUR", "grants", "all icons")));
        Response extra = w.call("post", "/api/v1/seller/products/{id}/plans", 201, seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Extra", "priceMinor", 900, "currency", "EUR", "grants", "some")));
        w.call("delete", "/api/v1/seller/products/{id}/plans/{plan}", 204,
                seller.delete("/api/v1/seller/products/" + id + "/plans/" + extra.json().get("id").asText()));
        w.call("post", "/api/v1/seller/products/{id}/releases", 201, seller.postBytes("/api/v1/seller/products/" + id
                + "/releases?version=1.0.0&fileName=icons.zip", "application/octet-stream", "PK-icons".getBytes(StandardCharsets.UTF_8)));
        w.call("post", "/api/v1/seller/products/{id}/submit", 200, seller.post("/api/v1/seller/products/" + id + "/submit", null, ""));
        w.call("get", "/api/v1/admin/products", 200, admin.get("/api/v1/admin/products"));
        w.call("get", "/api/v1/admin/products", 422, admin.get("/api/v1/admin/products?status=nope"));
        Response published = w.call("post", "/api/v1/admin/products/{id}/approve", 200, admin.post("/api/v1/admin/products/" + id + "/approve", null, ""));
        w.call("post", "/api/v1/admin/products/{id}/approve", 409, admin.post("/api/v1/admin/products/" + id + "/approve", null, ""));
        w.call("get", "/api/v1/products", 200, anon.get("/api/v1/products?limit=2"));
        w.call("get", "/api/v1/products", 422, anon.get("/api/v1/products?limit=0"));
        w.call("get", "/api/v1/products/{slug}", 200, anon.get("/api/v1/products/" + published.json().get("slug").asText()));
        w.call("get", "/api/v1/products/{slug}", 404, anon.get("/api/v1/products/no-such-thing"));
        w.call("get", "/api/v1/categories", 200, anon.get("/api/v1/categories"));
        w.call("get", "/api/v1/product-types", 200, anon.get("/api/v1/product-types"));

        // cart, checkout, orders
        String planId = plan.json().get("id").asText();
        w.call("post", "/api/v1/cart/items", 200, customer.postJson("/api/v1/cart/items", Map.of("planId", planId, "quantity", 1)));
        w.call("post", "/api/v1/cart/items", 422, customer.postJson("/api/v1/cart/items", Map.of("quantity", 1)));
        w.call("get", "/api/v1/cart", 200, customer.get("/api/v1/cart"));
        w.call("delete", "/api/v1/cart/items/{planId}", 200, customer.delete("/api/v1/cart/items/" + planId));
        w.call("post", "/api/v1/checkout", 422, customer.postJson("/api/v1/checkout", Map.of()));
        customer.postJson("/api/v1/cart/items", Map.of("planId", planId, "quantity", 1));
        Response placed = w.call("post", "/api/v1/checkout", 201, customer.postJson("/api/v1/checkout", Map.of(), Map.of("Idempotency-Key", "walk-1")));
        w.call("post", "/api/v1/checkout", 401, anon.postJson("/api/v1/checkout", Map.of()));
        String order = placed.json().get("orderId").asText();
        w.call("get", "/api/v1/orders", 200, customer.get("/api/v1/orders"));
        w.call("get", "/api/v1/orders/{id}", 200, customer.get("/api/v1/orders/" + order));
        w.call("get", "/api/v1/orders/{id}", 404, seller.get("/api/v1/orders/" + order));
        w.call("get", "/api/v1/orders/{id}/entitlements", 200, customer.get("/api/v1/orders/" + order + "/entitlements"));
        w.call("post", "/api/v1/orders/{id}/cancel", 200, customer.post("/api/v1/orders/" + order + "/cancel", null, ""));
        w.call("post", "/api/v1/orders/{id}/cancel", 409, customer.post("/api/v1/orders/" + order + "/cancel", null, ""));
        w.call("post", "/api/v1/orders/{id}/pay", 409, customer.post("/api/v1/orders/" + order + "/pay", null, ""));
        w.call("get", "/api/v1/entitlements", 200, customer.get("/api/v1/entitlements"));
        w.call("get", "/api/v1/entitlements/{id}", 404, customer.get("/api/v1/entitlements/ent_nope"));
        w.call("get", "/api/v1/admin/orders", 200, admin.get("/api/v1/admin/orders?status=canceled"));
        w.call("get", "/api/v1/admin/orders/conflicts", 200, admin.get("/api/v1/admin/orders/conflicts"));
        w.call("post", "/api/v1/webhooks/{gateway}", 404, anon.post("/api/v1/webhooks/no-such-gateway", "application/json", "{}"));

        // seller and admin desks
        w.call("get", "/api/v1/seller/sales", 200, seller.get("/api/v1/seller/sales"));
        w.call("get", "/api/v1/seller/licenses", 200, seller.get("/api/v1/seller/licenses"));
        w.call("get", "/api/v1/seller/plans/{planId}/license-policy", 200, seller.get("/api/v1/seller/plans/" + planId + "/license-policy"));
        w.call("get", "/api/v1/licenses", 200, customer.get("/api/v1/licenses"));
        w.call("get", "/api/v1/licenses/{id}", 404, customer.get("/api/v1/licenses/lic_nope"));
        w.call("post", "/api/v1/admin/vouchers", 201, admin.postJson("/api/v1/admin/vouchers", Map.of("code", "WALK10", "percent", 10)));
        w.call("post", "/api/v1/admin/vouchers", 422, admin.postJson("/api/v1/admin/vouchers", Map.of("code", "WALK10", "percent", 10)));
        w.call("get", "/api/v1/admin/vouchers", 200, admin.get("/api/v1/admin/vouchers"));
        w.call("get", "/api/v1/admin/switches", 200, admin.get("/api/v1/admin/switches"));
        String sw = list(admin.get("/api/v1/admin/switches")).get(0).get("id").asText();
        w.call("put", "/api/v1/admin/switches/{id}", 200, admin.putJson("/api/v1/admin/switches/" + sw, Map.of("engaged", false, "reason", "walk")));
        w.call("put", "/api/v1/admin/switches/{id}", 422, admin.putJson("/api/v1/admin/switches/" + sw, Map.of("reason", "walk")));
        w.call("get", "/api/v1/admin/audit", 200, admin.get("/api/v1/admin/audit"));
        w.call("get", "/api/v1/admin/plugins", 200, admin.get("/api/v1/admin/plugins"));
        w.call("get", "/api/v1/admin/outbox/dead", 200, admin.get("/api/v1/admin/outbox/dead"));
        w.call("get", "/api/v1/admin/outbox/dead", 401, anon.get("/api/v1/admin/outbox/dead"));
        w.call("get", "/api/v1/openapi.json", 200, anon.get("/api/v1/openapi.json"));

        assertThat(w.failures).isEmpty();
        assertThat(w.called).hasSizeGreaterThan(60);
    }

    private static List<JsonNode> list(Response r) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode rows = r.json().get("data");
        rows.forEach(out::add);
        return out;
    }

    /** Calls made during a walk, each checked against its documented status and schema. */
    private static final class Walk {
        final TestEngine e;
        final OpenApiChecker api;
        final Set<String> called = new TreeSet<>();

        Walk(TestEngine e, OpenApiChecker api) {
            this.e = e;
            this.api = api;
        }

        final List<String> failures = new ArrayList<>();

        /** Checks one answer; a mismatch is kept (not thrown) so one run lists every difference. */
        Response call(String method, String path, int status, Response r) {
            try {
                check(method, path, status, r);
            } catch (AssertionError err) {
                failures.add(err.getMessage());
            }
            return r;
        }

        private void check(String method, String path, int status, Response r) {
            assertThat(r.status()).as(method + " " + path + " " + r.body()).isEqualTo(status);
            JsonNode documented = api.response(path, method, status);
            if (documented.has("content")) {
                String type = r.header("Content-Type");
                String mediaType = type.startsWith("application/problem+json") ? "application/problem+json" : "application/json";
                assertThat(type).as(method + " " + path).startsWith(mediaType);
                List<String> errors = api.check(api.responseSchema(path, method, status, mediaType), r.json());
                assertThat(errors).as(method + " " + path + " " + status + ": " + r.body()).isEmpty();
            } else {
                assertThat(r.body()).as(method + " " + path + " " + status + " is documented without a body").isEmpty();
            }
            called.add(method + " " + path + " " + status);
        }
    }
}
