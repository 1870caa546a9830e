package com.mintreu.engine.admin;

import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/** The admin's start page, and their page of the plugins: what loaded, what was disabled, what FAILED and why. */
final class PluginAdminPages implements Routes {

    private final PluginHost host;

    @Inject
    PluginAdminPages(PluginHost host) {
        this.host = host;
    }

    @Override
    public void register(Router router) {
        router.get("/admin", x -> {
            x.requireRole("admin");
            x.render("admin/index", Map.of());
        });
        router.get("/admin/plugins", x -> {
            x.requireRole("admin");
            x.render("admin/plugins", Map.of("plugins", PluginAdminRoutes.rows(host)));
        });
    }
}
