package com.mintreu.engine.ledger;

import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.inject.Inject;

/** The seller dashboard as JSON: {@code GET /api/v1/seller/dashboard?from=&to=&per=}. */
public final class DashboardRoutes implements Routes {

    private final SellerDashboard dashboard;
    private final Clock clock;

    @Inject
    DashboardRoutes(SellerDashboard dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/dashboard", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, dashboard.view(seller.userId(), range(x, clock)));
        });
    }

    /** The range of the request's {@code from}, {@code to} and {@code per}; a 422 naming the wrong fields. */
    public static DashboardRange range(Exchange x, Clock clock) {
        return DashboardRange.parse(x.query("from"), x.query("to"), x.query("per"), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
