package com.mintreu.engine.entitlement;

import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderPageSection;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The customer's downloads page, the receipt-again form, and the order page's section of what it granted. */
final class EntitlementPages implements Routes, OrderPageSection {

    private final EntitlementService entitlements;
    private final Receipts receipts;

    @Inject
    EntitlementPages(EntitlementService entitlements, Receipts receipts) {
        this.entitlements = entitlements;
        this.receipts = receipts;
    }

    @Override
    public Map<String, Object> model(Principal viewer, Order order) {
        return Map.of("entitlements", entitlements.forOrder(viewer, order.id()));
    }

    @Override
    public void register(Router router) {
        router.post("/account/orders/{id}/receipt", x -> {
            x.form();
            receipts.resend(x.requireUser(), x.pathParam("id"));
            x.redirect("/account/orders/" + x.pathParam("id") + "?notice=receipt-sent");
        });
        router.get("/account/downloads", x -> {
            List<EntitlementView> all = entitlements.forCustomer(x.requireUser());
            x.render("account/downloads", Map.of("downloads", all.stream().filter(e -> Entitlement.DOWNLOAD.equals(e.kind())).toList()));
        });
    }
}
