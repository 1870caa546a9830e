package com.mintreu.engine.ledger;

import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/** A seller's sales and earnings per currency: page and JSON API. Payouts come later. */
final class SalesRoutes implements Routes {

    private final OrderService orders;

    @Inject
    SalesRoutes(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/sales", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, Map.of("data", orders.salesOf(seller.userId()), "balance", orders.balanceOf(seller.userId())));
        });
        router.get("/seller/sales", x -> {
            Principal seller = x.requireRole("seller");
            x.render("seller/sales", Map.of("sales", orders.salesOf(seller.userId()), "balance", orders.balanceOf(seller.userId())));
        });
    }
}
