package com.mintreu.engine.license;

import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.inject.Inject;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of the license client API, a classpath
 * resource kept next to the code it describes ({@code OpenApiContractTest} checks real answers against it).
 */
final class OpenApiRoutes implements Routes {

    static final String RESOURCE = "/openapi/license-api.json";

    private final byte[] document;

    @Inject
    OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing from the engine jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/openapi.json", x -> {
            x.header("Cache-Control", "public, max-age=300");
            x.send(200, "application/json", document);
        });
    }
}
