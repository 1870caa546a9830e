package com.mintreu.engine.catalog;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import io.undertow.util.Headers;
import java.io.InputStream;
import java.io.OutputStream;
import javax.inject.Inject;

/**
 * {@code /media/{id}}: a product image's bytes for {@code <img>} tags. Neither JSON API nor a page,
 * so it is its own class (like {@code entitlement.DownloadRoutes}).
 */
final class MediaRoutes implements Routes {

    private final CatalogFiles files;

    @Inject
    MediaRoutes(CatalogFiles files) {
        this.files = files;
    }

    @Override
    public void register(Router router) {
        router.get("/media/{id}", x -> {
            CatalogFiles.Media media = files.image(x.pathParam("id"), x.principal())
                    .orElseThrow(() -> ApiException.notFound("image"));
            try (var content = media.content(); InputStream in = content.stream()) {
                x.raw().setStatusCode(200);
                x.raw().getResponseHeaders().put(Headers.CONTENT_TYPE, media.contentType());
                x.raw().getResponseHeaders().put(Headers.CACHE_CONTROL, "private, max-age=300");
                x.raw().startBlocking();
                try (OutputStream out = x.raw().getOutputStream()) {
                    in.transferTo(out);
                }
            }
        });
    }
}
