package com.mintreu.engine.checkout;

import com.mintreu.engine.affiliate.Affiliates;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The cart and checkout's JSON API (pages: {@link CheckoutPages}). Checkout needs an account; the cart does not. */
final class CheckoutRoutes implements Routes {

    /** Request bodies. Prices are deliberately absent: the server prices everything. */
    record PutItem(String planId, Integer quantity) {}

    record CheckoutBody(String voucher, String gateway) {}

    record PayBody(String gateway) {}

    private final CartService carts;
    private final CheckoutService checkout;

    @Inject
    CheckoutRoutes(CartService carts, CheckoutService checkout) {
        this.carts = carts;
        this.checkout = checkout;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/cart", x -> x.json(200, carts.view(CartOwner.of(x))));
        router.post("/api/v1/cart/items", x -> {
            PutItem body = x.bodyJson(PutItem.class);
            if (body.planId() == null || body.planId().isBlank() || body.planId().length() > 64) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("planId", "is required")));
            }
            carts.put(CartOwner.of(x), body.planId(), body.quantity() == null ? 1 : body.quantity());
            x.json(200, carts.view(CartOwner.of(x)));
        });
        router.delete("/api/v1/cart/items/{planId}", x -> {
            carts.remove(CartOwner.of(x), x.pathParam("planId"));
            x.json(200, carts.view(CartOwner.of(x)));
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
            CheckoutService.Placed placed = checkout.checkout(customer, body.voucher(), body.gateway(), key, Affiliates.referral(x));
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
    }
}
