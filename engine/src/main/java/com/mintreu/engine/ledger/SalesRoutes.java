package com.mintreu.engine.ledger;

import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** A seller's sales and their balance per currency (from the ledger): page and JSON API. */
final class SalesRoutes implements Routes {

    private final OrderService orders;
    private final Ledger ledger;

    @Inject
    SalesRoutes(OrderService orders, Ledger ledger) {
        this.orders = orders;
        this.ledger = ledger;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/sales", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, Map.of("data", orders.salesOf(seller.userId()), "balance", balance(seller)));
        });
        router.get("/seller/sales", x -> {
            Principal seller = x.requireRole("seller");
            x.render("seller/sales", Map.of("sales", orders.salesOf(seller.userId()), "balance", balance(seller)));
        });
    }

    private List<Balance> balance(Principal seller) {
        return List.copyOf(ledger.balances(Accounts.seller(seller.userId())).values());
    }
}
