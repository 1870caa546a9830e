package com.mintreu.engine.order;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/**
 * A customer's order pages (list, one order with "Pay now", cancel and the refund request form) and
 * the admin's held-order actions.
 */
final class OrderPages implements Routes {

    private final OrderService orders;
    private final RefundService refunds;
    private final Set<OrderPageSection> sections;
    private final Gateways gateways;

    @Inject
    OrderPages(OrderService orders, RefundService refunds, Set<OrderPageSection> sections, Gateways gateways) {
        this.orders = orders;
        this.refunds = refunds;
        this.sections = sections;
        this.gateways = gateways;
    }

    @Override
    public void register(Router router) {
        router.get("/account/orders", x -> x.render("account/orders", Map.of("orders", orders.forCustomer(x.requireUser().userId()))));
        router.get("/account/orders/{id}", x -> {
            Principal me = x.requireUser();
            page(x, 200, me, orders.visibleTo(me, x.pathParam("id")), x.query("refund").isPresent(), null);
        });
        router.post("/account/orders/{id}/refunds", x -> {
            Form f = x.form();
            Principal me = x.requireUser();
            Order order = orders.visibleTo(me, x.pathParam("id"));
            try {
                refunds.request(me, order.id(), RefundForm.asks(f, order, false), f.text("reason"));
                x.redirect("/account/orders/" + order.id() + "?notice=refund-requested");
            } catch (ApiException e) {
                FormErrors errors = FormErrors.from(e, "refund", f.values(), RefundForm.LABELS, Map.of()).orElseThrow(() -> e);
                page(x, e.error().status(), me, order, true, errors);
            }
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

    /**
     * The order page. The refund form shows on a fulfilled order, or on a paid one when asked for
     * ({@code ?refund}) or sent back with errors: the template refreshes a page only while it has no
     * refund form, so a "being prepared" reload never throws away what the customer is typing.
     */
    private void page(Exchange x, int status, Principal me, Order order, boolean askedForForm, FormErrors errors) {
        Map<String, Object> model = new HashMap<>();
        sections.forEach(s -> model.putAll(s.model(me, order)));
        List<RefundForm.Offer> offers = RefundForm.offers(order, refunds.heldByLine(order.id()));
        model.put("order", order);
        model.put("notice", x.query("notice").orElse(""));
        model.put("gateways", gateways.running()); // "Pay now" may switch gateway while no payment session exists
        model.put("defaultGateway", gateways.defaultId().orElse("")); // preselected when the order names none
        model.put("refunds", refunds.ofOrder(me, order.id(), null, 50));
        model.put("refundOffers", offers);
        model.put("refundForm", !offers.isEmpty() && (order.status() == OrderStatus.FULFILLED || askedForForm || errors != null));
        if (errors != null) {
            model.putAll(errors.model());
        }
        x.allowFormActions(gateways.checkoutOrigins()); // "Pay now" answers 303 to the gateway's page
        x.render(status, "account/order", model);
    }
}
