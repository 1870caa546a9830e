package com.mintreu.engine.order;

import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/** A customer's order pages (list, one order with "Pay now" and cancel) and the admin's held-order actions. */
final class OrderPages implements Routes {

    private final OrderService orders;
    private final Set<OrderPageSection> sections;
    private final Gateways gateways;

    @Inject
    OrderPages(OrderService orders, Set<OrderPageSection> sections, Gateways gateways) {
        this.orders = orders;
        this.sections = sections;
        this.gateways = gateways;
    }

    @Override
    public void register(Router router) {
        router.get("/account/orders", x -> x.render("account/orders", Map.of("orders", orders.forCustomer(x.requireUser().userId()))));
        router.get("/account/orders/{id}", x -> {
            Order order = orders.visibleTo(x.requireUser(), x.pathParam("id"));
            Map<String, Object> model = new java.util.HashMap<>();
            sections.forEach(s -> model.putAll(s.model(x.requireUser(), order)));
            model.put("order", order);
            model.put("notice", x.query("notice").orElse(""));
            model.put("gateways", gateways.running()); // "Pay now" may switch gateway while no payment session exists
            model.put("defaultGateway", gateways.defaultId().orElse("")); // preselected when the order names none
            x.allowFormActions(gateways.checkoutOrigins()); // "Pay now" answers 303 to the gateway's page
            x.render("account/order", model);
        });
        router.post("/account/orders/{id}/cancel", x -> {
            x.form();
            orders.cancel(x.pathParam("id"), x.requireUser());
            x.redirect("/account/orders/" + x.pathParam("id"));
        });
        router.post("/admin/orders/{id}/release", x -> {
            x.form();
            orders.releaseHeld(x.pathParam("id"), x.requireRole("admin"));
            x.redirect("/admin/orders/" + x.pathParam("id") + "?notice=released");
        });
        router.post("/admin/orders/{id}/cancel", x -> {
            x.form();
            x.requireRole("admin");
            orders.cancel(x.pathParam("id"), x.requireUser());
            x.redirect("/admin/orders/" + x.pathParam("id") + "?notice=canceled");
        });
    }
}
