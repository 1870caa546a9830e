package com.mintreu.engine.ledger;

import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import javax.inject.Inject;

/** A seller's sales and their balance per currency (from the ledger), as JSON. */
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
            x.json(200, orders.salesOf(seller.userId(), PageRequest.of(x)));
        });
        router.get("/api/v1/seller/balance", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, Page.ofAll(balance(ledger, seller), PageRequest.of(x), b -> b.pending().currency()));
        });
    }

    static List<Balance> balance(Ledger ledger, Principal seller) {
        return List.copyOf(ledger.balances(Accounts.seller(seller.userId())).values());
    }
}
