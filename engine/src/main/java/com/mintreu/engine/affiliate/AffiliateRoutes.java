package com.mintreu.engine.affiliate;

import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.payout.PayoutRoutes;
import com.mintreu.engine.payout.PayoutService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * The affiliate program as JSON for the signed-in user: their figures ({@code GET /api/v1/affiliate}),
 * joining ({@code POST}), the orders their links brought and their payouts (cursor lists).
 */
final class AffiliateRoutes implements Routes {

    private final Affiliates affiliates;
    private final AffiliateDashboard dashboard;
    private final AffiliateStore store;
    private final PayoutService payouts;

    @Inject
    AffiliateRoutes(Affiliates affiliates, AffiliateDashboard dashboard, AffiliateStore store, PayoutService payouts) {
        this.affiliates = affiliates;
        this.dashboard = dashboard;
        this.store = store;
        this.payouts = payouts;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/affiliate", x -> x.json(200, dashboard.summary(own(x.requireUser()))));
        router.post("/api/v1/affiliate", x -> {
            Principal user = x.requireUser();
            boolean before = affiliates.ofUser(user.userId()).isPresent();
            Affiliate a = affiliates.join(user.userId());
            x.json(before ? 200 : 201, dashboard.summary(a));
        });
        router.get("/api/v1/affiliate/conversions", x -> {
            Affiliate a = own(x.requireUser());
            PageRequest req = PageRequest.of(x);
            List<AffiliateStore.Conversion> rows = store.conversions(a.id(), req);
            Map<String, List<Object>> earned = new LinkedHashMap<>();
            for (AffiliateStore.OrderCommission c : store.commissions(Accounts.affiliate(a.id()), rows.stream().map(AffiliateStore.Conversion::orderId).toList())) {
                earned.computeIfAbsent(c.orderId(), k -> new ArrayList<>()).add(c.amount());
            }
            x.json(200, Page.of(rows, req, c -> Cursor.of(c.attributedAt(), c.orderId())).map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("orderId", c.orderId());
                m.put("orderStatus", c.orderStatus());
                m.put("attributedAt", Timestamps.iso(c.attributedAt()));
                m.put("paidAt", Timestamps.iso(c.paidAt()));
                m.put("commission", earned.getOrDefault(c.orderId(), List.of()));
                return m;
            }));
        });
        router.get("/api/v1/affiliate/payouts", x -> {
            Affiliate a = own(x.requireUser());
            PageRequest req = PageRequest.of(x);
            x.json(200, Page.of(payouts.ofAccount(Accounts.affiliate(a.id()), req), req, p -> Cursor.of(p.createdAt(), p.id())).map(PayoutRoutes::view));
        });
    }

    /** The caller's affiliate membership; 404 before they joined. */
    private Affiliate own(Principal user) {
        return affiliates.ofUser(user.userId()).orElseThrow(() -> ApiException.notFound("affiliate membership (join with POST /api/v1/affiliate)"));
    }
}
