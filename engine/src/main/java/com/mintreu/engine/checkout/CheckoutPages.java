package com.mintreu.engine.checkout;

import com.mintreu.engine.affiliate.Affiliates;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The cart page, its forms, checkout and "Pay now" on an order's page. Checkout needs an account; the cart does not. */
final class CheckoutPages implements Routes {

    private final CartService carts;
    private final CheckoutService checkout;
    private final Gateways gateways;

    @Inject
    CheckoutPages(CartService carts, CheckoutService checkout, Gateways gateways) {
        this.carts = carts;
        this.checkout = checkout;
        this.gateways = gateways;
    }

    @Override
    public void register(Router router) {
        router.post("/account/orders/{id}/pay", x -> {
            Form form = x.form();
            Principal customer = x.requireUser();
            try {
                x.redirect(checkout.pay(customer, x.pathParam("id"), form.text("gateway")));
            } catch (PaymentNotStartedException e) {
                x.redirect(orderPage(e));
            }
        });

        router.get("/cart", x -> render(x, Map.of()));
        router.post("/cart/items", x -> {
            Form form = x.form();
            carts.put(CartOwner.of(x), form.text("planId"), quantity(form.text("quantity")));
            x.redirect("/cart");
        });
        router.post("/cart/items/{planId}/remove", x -> {
            x.form();
            carts.remove(CartOwner.of(x), x.pathParam("planId"));
            x.redirect("/cart");
        });
        router.post("/checkout", x -> {
            Form form = x.form();
            Principal customer = x.requireUser();
            try {
                CheckoutService.Placed placed = checkout.checkout(customer, form.text("voucher"), form.text("gateway"),
                        form.text("checkoutKey").isBlank() ? null : form.text("checkoutKey"), Affiliates.referral(x));
                x.redirect(placed.paymentUrl() != null ? placed.paymentUrl() : "/account/orders/" + placed.order().id());
            } catch (PaymentNotStartedException e) {
                x.redirect(orderPage(e)); // the order is saved: its page says what happened and offers "Pay now"
            } catch (ApiException e) {
                if (e.error().status() >= 500) {
                    throw e;
                }
                Map<String, Object> model = new HashMap<>();
                model.put("error", e.getMessage());
                model.put("voucher", form.text("voucher"));
                model.put("chosenGateway", form.text("gateway"));
                render(x, model, e.error().status());
            }
        });
    }

    /** The order's page with a notice naming what went wrong: {@code payment-timeout}, {@code payment-unavailable}, {@code payment-configuration}. */
    private static String orderPage(PaymentNotStartedException e) {
        String kind = e.error().code().replace("GATEWAY_", "").toLowerCase(java.util.Locale.ROOT);
        return "/account/orders/" + e.orderId() + "?notice=payment-" + kind;
    }

    private void render(Exchange x, Map<String, Object> extra) {
        render(x, extra, 200);
    }

    private void render(Exchange x, Map<String, Object> extra, int status) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("cart", carts.view(CartOwner.of(x)));
        model.put("gateways", gateways.running());
        model.put("defaultGateway", gateways.defaultId().orElse(""));
        model.put("checkoutKey", Tokens.random(16)); // one order per rendered form, even on a double click
        // the checkout form's redirect goes to the chosen gateway's hosted page, maybe on another site
        x.allowFormActions(gateways.checkoutOrigins());
        x.render(status, "cart", model);
    }

    private static int quantity(String text) {
        if (text.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("quantity", "must be a whole number")));
        }
    }
}
