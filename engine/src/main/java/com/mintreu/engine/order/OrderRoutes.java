package com.mintreu.engine.order;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** A customer's orders and receipts, and the admin's order actions: pages and JSON API (the admin's order pages are AdminOrderPages). */
final class OrderRoutes implements Routes {

    private final OrderService orders;
    private final java.util.Set<OrderPageSection> sections;

    private final Gateways gateways;

    @Inject
    OrderRoutes(OrderService orders, java.util.Set<OrderPageSection> sections, Gateways gateways) {
        this.orders = orders;
        this.gateways = gateways;
        this.sections = sections;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/orders", x -> x.json(200, orders.forCustomer(x.requireUser().userId(), PageRequest.of(x)).map(OrderView::of)));
        router.get("/api/v1/orders/{id}", x -> x.json(200, OrderView.of(orders.visibleTo(x.requireUser(), x.pathParam("id")))));
        router.post("/api/v1/orders/{id}/cancel", x -> {
            orders.cancel(x.pathParam("id"), x.requireUser());
            x.json(200, OrderView.of(orders.visibleTo(x.requireUser(), x.pathParam("id"))));
        });
        router.get("/api/v1/admin/orders", x -> {
            x.requireRole("admin");
            x.json(200, orders.withStatus(status(x), PageRequest.of(x)).map(OrderView::of));
        });
        router.post("/api/v1/admin/orders/{id}/release", x -> {
            Principal admin = x.requireRole("admin");
            orders.releaseHeld(x.pathParam("id"), admin);
            x.json(200, OrderView.of(orders.visibleTo(admin, x.pathParam("id"))));
        });

        router.get("/api/v1/admin/orders/conflicts", x -> {
            x.requireRole("admin");
            x.json(200, orders.conflicts(x.query("orderId").orElse(null), PageRequest.of(x)));
        });

        router.get("/account/orders", x -> x.render("account/orders", Map.of("orders", orders.forCustomer(x.requireUser().userId()))));
        router.get("/account/orders/{id}", x -> {
            Order order = orders.visibleTo(x.requireUser(), x.pathParam("id"));
            Map<String, Object> model = new java.util.HashMap<>();
            sections.forEach(s -> model.putAll(s.model(x.requireUser(), order)));
            model.put("order", order);
            model.put("notice", x.query("notice").orElse(""));
            model.put("gateways", gateways.running()); // "Pay now" may switch gateway while no payment session exists
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

    private static OrderStatus status(Exchange x) {
        String s = x.query("status").orElse("held");
        try {
            return OrderStatus.of(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status", "expected one of held, pending, paid, fulfilled, failed, expired, canceled")));
        }
    }

}
