package com.mintreu.engine.storefront;

import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/** The shop's public pages. The catalog fills them in a later step; for now the home page. */
final class StorefrontRoutes implements Routes {

    @Inject
    StorefrontRoutes() {}

    @Override
    public void register(Router router) {
        router.get("/", x -> x.render("home", Map.of()));
    }
}
