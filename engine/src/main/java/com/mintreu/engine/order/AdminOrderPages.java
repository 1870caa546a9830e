package com.mintreu.engine.order;

import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
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
 * provider about the order now ({@link OrderReconciliation#checkAgain}) and shows its answer.
 */
final class AdminOrderPages implements Routes {

    private static final List<String> STATUSES = Arrays.stream(OrderStatus.values()).map(OrderStatus::id).toList();

    private final OrderService orders;
    private final OrderReconciliation reconciliation;
    private final RefundService refunds;
    private final AdminOrderQueries queries;
    private final Gateways gateways;

    @Inject
    AdminOrderPages(OrderService orders, OrderReconciliation reconciliation, RefundService refunds, AdminOrderQueries queries,
            Gateways gateways) {
        this.reconciliation = reconciliation;
        this.orders = orders;
        this.refunds = refunds;
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
            Principal admin = x.requireRole("admin");
            x.render("admin/order", model(admin, x.pathParam("id"), switch (x.query("notice").orElse("")) {
                case "released" -> "The order was released as paid; the customer gets what they bought.";
                case "canceled" -> "The order was canceled.";
                case "refunded" -> "The refund was sent to the payment provider; its status is below.";
                default -> "";
            }));
        });
        // "Check again": asks the payment provider now and shows its answer (rendered, not redirected:
        // the answer is this request's result; posting it again only asks again)
        router.post("/admin/orders/{id}/check", x -> {
            x.form();
            Principal admin = x.requireRole("admin");
            OrderReconciliation.Checked c = reconciliation.checkAgain(admin, x.pathParam("id"));
            x.render("admin/order", model(admin, x.pathParam("id"), notice(c)));
        });
        // "Refund": an admin gives money back directly (no request to decide; audited as refund.direct)
        router.post("/admin/orders/{id}/refunds", x -> {
            Form f = x.form();
            Principal admin = x.requireRole("admin");
            Order order = orders.find(x.pathParam("id")).orElseThrow(() -> ApiException.notFound("order " + x.pathParam("id")));
            List<RefundService.LineAsk> asks = List.of();
            try {
                asks = RefundForm.asks(f, order, true);
                refunds.refundDirectly(admin, order.id(), asks, f.text("reason"));
                x.redirect("/admin/orders/" + order.id() + "?notice=refunded");
            } catch (ApiException e) {
                Map<String, String> renames = new HashMap<>();
                for (int i = 0; i < asks.size(); i++) {
                    renames.put("lines[" + i + "].amountMinor", "amount." + asks.get(i).lineId());
                }
                FormErrors errors = FormErrors.from(e, "refund", f.values(), RefundForm.labels(order), renames).orElseThrow(() -> e);
                Map<String, Object> model = new HashMap<>(model(admin, order.id(), ""));
                model.putAll(errors.model());
                x.render(e.error().status(), "admin/order", model);
            }
        });
    }

    private Map<String, Object> model(Principal admin, String orderId, String notice) {
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("order " + orderId));
        Map<String, Object> model = new HashMap<>();
        model.put("order", order);
        model.put("gatewayName", order.gateway() == null ? "" : gateways.displayName(order.gateway()));
        model.put("customerEmail", queries.customerEmail(order.customerId()).orElse(""));
        model.put("events", queries.events(order.id()));
        model.put("payments", queries.payments(order.id()));
        model.put("notice", notice);
        model.put("refunds", refunds.ofOrder(admin, order.id(), null, 50));
        model.put("refundOffers", RefundForm.offers(order, refunds.heldByLine(order.id())));
        return model;
    }

    private static String notice(OrderReconciliation.Checked c) {
        StringBuilder s = new StringBuilder("The payment provider says: ").append(c.providerSays()).append(". ");
        s.append(c.before() == c.after() ? "The order stays " + c.before().id() + "." : "The order moved from " + c.before().id() + " to " + c.after().id() + ".");
        c.refunds().forEach(r -> s.append(" Refund ").append(r.id()).append(" of ").append(MoneyText.format(r.amount())).append(" is ").append(r.status().id()).append('.'));
        return s.toString();
    }
}
