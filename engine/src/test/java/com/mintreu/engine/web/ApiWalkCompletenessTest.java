package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ApiWalk}'s completeness check catches what it should: an operation not walked, a 2xx that differs, a wrong template. */
class ApiWalkCompletenessTest {

    private static final JsonNode DOC = parse("""
            {"openapi": "3.1.0", "paths": {
              "/api/v1/things": {"get": {"responses": {"200": {"description": "a page", "content": {"application/json": {"schema":
                  {"type": "object", "required": ["data"], "properties": {"data": {"type": "array"}}}}}}}}},
              "/api/v1/things/{id}": {"get": {"responses": {
                  "200": {"description": "it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                  "404": {"description": "none", "content": {"application/problem+json": {"schema": {"type": "object"}}}}}}},
              "/api/v1/things/mine": {"get": {"responses": {"200": {"description": "yours", "content": {"application/json": {"schema":
                  {"type": "object"}}}}}}},
              "/api/v1/things/{id}/archive": {"post": {"responses": {"204": {"description": "done"}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}}
            """);

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Response json(int status, String body) {
        return new Response(status, Map.of("Content-Type", List.of("application/json")), body);
    }

    private static Response problem(int status) {
        return new Response(status, Map.of("Content-Type", List.of("application/problem+json")), "{\"status\":" + status + "}");
    }

    @Test
    void anOperationNotWalkedFailsTheCheckByName() {
        ApiWalk walk = new ApiWalk(DOC, Map.of());
        walk.check("GET", "/api/v1/things?limit=2", 200, json(200, "{\"data\":[]}"));
        walk.check("GET", "/api/v1/things/mine", 200, json(200, "{}"));
        walk.check("POST", "/api/v1/things/thg_1/archive", 204, new Response(204, Map.of(), ""));
        walk.check("GET", "/api/v1/things/thg_1", 404, problem(404));

        assertThat(walk.notWalked()).containsExactly("GET /api/v1/things/{id}");
        assertThatThrownBy(walk::assertComplete).hasMessageContaining("never answered 2xx").hasMessageContaining("GET /api/v1/things/{id}")
                .hasMessageNotContaining("GET /api/v1/things/mine").hasMessageNotContaining("differ");

        walk.check("GET", "/api/v1/things/thg_1", 200, json(200, "{\"id\":\"thg_1\"}"));
        walk.assertComplete();
    }

    @Test
    void aSuccessThatDiffersFromTheDocumentDoesNotCount() {
        ApiWalk walk = new ApiWalk(DOC, Map.of());
        walk.check("GET", "/api/v1/things", 200, json(200, "{\"data\":[]}"));
        walk.check("GET", "/api/v1/things/mine", 200, json(200, "{}"));
        walk.check("POST", "/api/v1/things/thg_1/archive", 204, new Response(204, Map.of(), "unexpected"));
        walk.check("GET", "/api/v1/things/thg_1", 200, json(200, "{\"name\":\"no id\"}"));
        walk.check("GET", "/api/v1/things/thg_2", 200, new Response(200, Map.of("Content-Type", List.of("text/html")), "<p>"));

        assertThat(walk.notWalked()).containsExactly("GET /api/v1/things/{id}", "POST /api/v1/things/{id}/archive");
        assertThat(walk.differences()).hasSize(3);
        assertThatThrownBy(walk::assertComplete).hasMessageContaining("required field 'id' is missing")
                .hasMessageContaining("answered text/html").hasMessageContaining("documented without a body");
    }

    @Test
    void aWrongStatusOrAnUndocumentedPathFailsAtOnce() {
        ApiWalk walk = new ApiWalk(DOC, Map.of());
        assertThatThrownBy(() -> walk.check("GET", "/api/v1/things/thg_1", 200, problem(404)))
                .hasMessageContaining("GET /api/v1/things/{id}").hasMessageContaining("expected 200, got 404");
        assertThatThrownBy(() -> walk.check("DELETE", "/api/v1/things/thg_1", 204, new Response(204, Map.of(), "")))
                .hasMessageContaining("no documented operation for DELETE /api/v1/things/thg_1");
        assertThat(walk.template("GET", "/api/v1/things/mine")).isEqualTo("/api/v1/things/mine");
        assertThat(walk.template("GET", "/api/v1/things/thg_9")).isEqualTo("/api/v1/things/{id}");
        assertThatThrownBy(() -> walk.template("GET", "/api/v1/things/")).hasMessageContaining("no documented operation");
    }

    @Test
    void theAllowListIsExplicitAndNamesOnlyDocumentedOperations() {
        ApiWalk walk = new ApiWalk(DOC, Map.of("GET /api/v1/things/{id}", "a reason"));
        assertThat(walk.notWalked()).contains("GET /api/v1/things", "POST /api/v1/things/{id}/archive")
                .doesNotContain("GET /api/v1/things/{id}");
        assertThatThrownBy(() -> new ApiWalk(DOC, Map.of("GET /api/v1/nothing", "a reason"))).hasMessageContaining("not a documented operation");
    }
}
