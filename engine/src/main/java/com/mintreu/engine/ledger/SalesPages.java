package com.mintreu.engine.ledger;

import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/** The seller's sales page: their sales and balance per currency. */
final class SalesPages implements Routes {

    private final OrderService orders;
    private final Ledger ledger;

    @Inject
    SalesPages(OrderService orders, Ledger ledger) {
        this.orders = orders;
        this.ledger = ledger;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/sales", x -> {
            Principal seller = x.requireRole("seller");
            x.render("seller/sales", Map.of("sales", orders.salesOf(seller.userId()), "balance", SalesRoutes.balance(ledger, seller)));
        });
    }
}
