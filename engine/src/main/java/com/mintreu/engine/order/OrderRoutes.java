package com.mintreu.engine.order;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import javax.inject.Inject;

/** A customer's orders and the admin's order actions as JSON (the pages are OrderPages and AdminOrderPages). */
final class OrderRoutes implements Routes {

    private final OrderService orders;

    @Inject
    OrderRoutes(OrderService orders) {
        this.orders = orders;
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
