package com.mintreu.engine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import javax.inject.Inject;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of the whole JSON API, assembled by
 * {@link OpenApiDocument} from the fragments of the features whose routes the router holds. It is
 * built once, at the first request, when every feature has registered its routes.
 * {@code ApiDocumentTest} fails on a route the document does not describe.
 */
final class OpenApiRoutes implements Routes {

    private byte[] document;

    @Inject
    OpenApiRoutes() {}

    @Override
    public void register(Router router) {
        router.get("/api/v1/openapi.json", x -> {
            x.header("Cache-Control", "public, max-age=300");
            x.send(200, "application/json", document(router));
        });
    }

    private synchronized byte[] document(Router router) throws JsonProcessingException {
        if (document == null) {
            document = Json.MAPPER.writeValueAsBytes(OpenApiDocument.assemble(OpenApiDocument.apiFeatures(router.routes())));
        }
        return document;
    }
}
