package com.mintreu.engine.checkout;

import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The cart and checkout: JSON API and pages. Checkout needs an account; the cart does not. */
final class CheckoutRoutes implements Routes {

    /** Request bodies. Prices are deliberately absent: the server prices everything. */
    record PutItem(String planId, Integer quantity) {}

    record CheckoutBody(String voucher, String gateway) {}

    record PayBody(String gateway) {}

    private final CartService carts;
    private final CheckoutService checkout;
    private final Gateways gateways;

    @Inject
    CheckoutRoutes(CartService carts, CheckoutService checkout, Gateways gateways) {
        this.carts = carts;
        this.checkout = checkout;
        this.gateways = gateways;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/cart", x -> x.json(200, carts.view(owner(x))));
        router.post("/api/v1/cart/items", x -> {
            PutItem body = x.bodyJson(PutItem.class);
            if (body.planId() == null || body.planId().isBlank() || body.planId().length() > 64) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("planId", "is required")));
            }
            carts.put(owner(x), body.planId(), body.quantity() == null ? 1 : body.quantity());
            x.json(200, carts.view(owner(x)));
        });
        router.delete("/api/v1/cart/items/{planId}", x -> {
            carts.remove(owner(x), x.pathParam("planId"));
            x.json(200, carts.view(owner(x)));
        });
        router.post("/api/v1/checkout", x -> {
            Principal customer = x.requireUser();
            CheckoutBody body = x.bodyJson(CheckoutBody.class);
            String key = x.header("Idempotency-Key").map(String::strip).orElse(null);
            if (key != null && (key.isEmpty() || key.length() > 128)) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("Idempotency-Key", "must be 1 to 128 characters")));
            }
            if (body.voucher() != null && body.voucher().length() > 64) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("voucher", "is at most 64 characters")));
            }
            CheckoutService.Placed placed = checkout.checkout(customer, body.voucher(), body.gateway(), key);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("orderId", placed.order().id());
            out.put("status", placed.order().status().id());
            out.put("total", placed.order().total());
            out.put("paymentUrl", placed.paymentUrl());
            if (placed.replayed()) {
                x.header("Idempotent-Replayed", "true");
            }
            x.json(placed.replayed() ? 200 : 201, out);
        });
        router.post("/api/v1/orders/{id}/pay", x -> {
            Principal customer = x.requireUser();
            // the body is optional: {"gateway": "..."} pays with another gateway while no payment session exists
            boolean hasBody = x.header("Content-Type").isPresent();
            PayBody body = hasBody ? x.bodyJson(PayBody.class) : new PayBody(null);
            String url = checkout.pay(customer, x.pathParam("id"), body.gateway());
            x.json(200, Map.of("paymentUrl", url));
        });
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
            carts.put(owner(x), form.text("planId"), quantity(form.text("quantity")));
            x.redirect("/cart");
        });
        router.post("/cart/items/{planId}/remove", x -> {
            x.form();
            carts.remove(owner(x), x.pathParam("planId"));
            x.redirect("/cart");
        });
        router.post("/checkout", x -> {
            Form form = x.form();
            Principal customer = x.requireUser();
            try {
                CheckoutService.Placed placed = checkout.checkout(customer, form.text("voucher"), form.text("gateway"),
                        form.text("checkoutKey").isBlank() ? null : form.text("checkoutKey"));
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
        model.put("cart", carts.view(owner(x)));
        model.put("gateways", gateways.running());
        model.put("defaultGateway", gateways.defaultId().orElse(""));
        model.put("checkoutKey", Tokens.random(16)); // one order per rendered form, even on a double click
        // the checkout form's redirect goes to the chosen gateway's hosted page, maybe on another site
        x.allowFormActions(gateways.checkoutOrigins());
        x.render(status, "cart", model);
    }

    /** The signed-in customer's cart, else the browser session's (a guest cart starts a session). */
    private static String owner(Exchange x) {
        return x.principal().map(p -> CartService.userOwner(p.userId())).orElseGet(() -> CartService.sessionOwner(x.session()));
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
