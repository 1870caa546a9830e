package com.mintreu.engine.admin;

import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/** The admin's kill switches page, {@code /admin/switches}: see and flip each switch with a reason. */
final class KillSwitchPages implements Routes {

    private final KillSwitches switches;

    @Inject
    KillSwitchPages(KillSwitches switches) {
        this.switches = switches;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/switches", x -> {
            x.requireRole("admin");
            x.render("admin/switches", Map.of("switches", switches.all()));
        });
        router.post("/admin/switches/{id}", x -> {
            var form = x.form();
            Principal admin = x.requireRole("admin");
            KillSwitch kill = KillSwitchRoutes.known(x);
            boolean engage = form.get("engaged").filter("1"::equals).isPresent();
            switches.set(kill, engage, KillSwitchRoutes.reason(form.get("reason").orElse(null)), admin);
            x.redirect("/admin/switches");
        });
    }
}
