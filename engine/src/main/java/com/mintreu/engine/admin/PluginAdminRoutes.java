package com.mintreu.engine.admin;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginStatus;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The admin's view of the plugins as JSON: what loaded, what was disabled, what FAILED and why (pages: PluginAdminPages). */
final class PluginAdminRoutes implements Routes {

    private final PluginHost host;

    @Inject
    PluginAdminRoutes(PluginHost host) {
        this.host = host;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/plugins", x -> {
            x.requireRole("admin");
            x.json(200, Page.ofAll(rows(host), PageRequest.of(x), r -> (String) r.get("id")));
        });
    }

    static List<Map<String, Object>> rows(PluginHost host) {
        return host.statuses().stream().map(PluginAdminRoutes::row).toList();
    }

    private static Map<String, Object> row(PluginStatus s) {
        return Map.of("id", s.id(), "version", s.version() == null ? "" : s.version(),
                "state", s.state().name(), "path", String.valueOf(s.path()), "reason", s.reason() == null ? "" : s.reason());
    }
}
