package com.mintreu.engine.order;

import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The admin's order pages: every order (filtered by status when asked) with the customer's email, and
 * one order with its lines, status history and payment events. Release and cancel post to the admin
 * actions of {@link OrderRoutes}, which come back here with a notice; "Check again" asks the payment
 * provider about the order now ({@link OrderService#checkAgain}) and shows its answer.
 */
final class AdminOrderPages implements Routes {

    private static final List<String> STATUSES = Arrays.stream(OrderStatus.values()).map(OrderStatus::id).toList();

    private final OrderService orders;
    private final AdminOrderQueries queries;
    private final Gateways gateways;

    @Inject
    AdminOrderPages(OrderService orders, AdminOrderQueries queries, Gateways gateways) {
        this.orders = orders;
        this.queries = queries;
        this.gateways = gateways;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/orders", x -> {
            x.requireRole("admin");
            // an unknown status in the address shows every order rather than an error page
            Optional<OrderStatus> status = x.query("status").filter(STATUSES::contains).map(OrderStatus::of);
            x.render("admin/orders", Map.of("orders", queries.list(status, 200), "status", status.map(OrderStatus::id).orElse(""),
                    "statuses", STATUSES));
        });
        router.get("/admin/orders/{id}", x -> {
            x.requireRole("admin");
            x.render("admin/order", model(x.pathParam("id"), switch (x.query("notice").orElse("")) {
                case "released" -> "The order was released as paid; the customer gets what they bought.";
                case "canceled" -> "The order was canceled.";
                default -> "";
            }));
        });
        // "Check again": asks the payment provider now and shows its answer (rendered, not redirected:
        // the answer is this request's result; posting it again only asks again)
        router.post("/admin/orders/{id}/check", x -> {
            x.form();
            OrderService.Checked c = orders.checkAgain(x.requireRole("admin"), x.pathParam("id"));
            x.render("admin/order", model(x.pathParam("id"), notice(c)));
        });
    }

    private Map<String, Object> model(String orderId, String notice) {
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("order " + orderId));
        Map<String, Object> model = new HashMap<>();
        model.put("order", order);
        model.put("gatewayName", order.gateway() == null ? "" : gateways.displayName(order.gateway()));
        model.put("customerEmail", queries.customerEmail(order.customerId()).orElse(""));
        model.put("events", queries.events(order.id()));
        model.put("payments", queries.payments(order.id()));
        model.put("notice", notice);
        return model;
    }

    private static String notice(OrderService.Checked c) {
        StringBuilder s = new StringBuilder("The payment provider says: ").append(c.providerSays()).append(". ");
        s.append(c.before() == c.after() ? "The order stays " + c.before().id() + "." : "The order moved from " + c.before().id() + " to " + c.after().id() + ".");
        c.refunds().forEach(r -> s.append(" Refund ").append(r.id()).append(" of ").append(MoneyText.format(r.amount())).append(" is ").append(r.status().id()).append('.'));
        return s.toString();
    }
}
