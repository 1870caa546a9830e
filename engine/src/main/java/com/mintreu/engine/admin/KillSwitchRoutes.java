package com.mintreu.engine.admin;

import com.mintreu.engine.web.Timestamps;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The admin's kill switches as JSON, {@code /api/v1/admin/switches} (the page: KillSwitchPages). */
final class KillSwitchRoutes implements Routes {

    /** What an API client sends to change a switch. */
    record Change(Boolean engaged, String reason) {}

    private final KillSwitches switches;

    @Inject
    KillSwitchRoutes(KillSwitches switches) {
        this.switches = switches;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/switches", x -> {
            x.requireRole("admin");
            x.json(200, Page.ofAll(switches.all(), PageRequest.of(x), s -> s.kill().id()).map(KillSwitchRoutes::view));
        });
        router.put("/api/v1/admin/switches/{id}", x -> {
            Principal admin = x.requireRole("admin");
            KillSwitch kill = known(x);
            Change c = x.bodyJson(Change.class);
            if (c == null || c.engaged() == null) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("engaged", "true to switch the feature off, false to switch it on")));
            }
            x.json(200, view(switches.set(kill, c.engaged(), reason(c.reason()), admin)));
        });
    }

    static KillSwitch known(Exchange x) {
        return KillSwitch.byId(x.pathParam("id")).orElseThrow(() -> ApiException.notFound("kill switch " + x.pathParam("id")));
    }

    static String reason(String given) {
        String r = given == null ? "" : given.strip();
        if (r.length() > 500) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "at most 500 characters")));
        }
        return r;
    }

    private static Map<String, Object> view(KillSwitches.State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.kill().id());
        m.put("label", s.kill().label());
        m.put("effect", s.kill().effect());
        m.put("engaged", s.engaged());
        m.put("code", s.kill().code());
        m.put("reason", s.reason());
        m.put("changedBy", s.changedBy());
        m.put("changedAt", Timestamps.iso(s.changedAt()));
        return m;
    }
}
