package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json} against the router and real answers: every
 * {@code /api/v1} route the router holds is documented (and nothing else is) and every feature's error
 * codes are listed. Real answers of every documented operation are checked by {@link ApiWalkTest}; the
 * license client API field by field in {@code license.OpenApiContractTest}.
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
}
