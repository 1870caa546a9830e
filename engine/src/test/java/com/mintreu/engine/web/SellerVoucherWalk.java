package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import java.util.List;
import java.util.Map;

/** A seller's vouchers in {@link ApiWalkTest}: create (and a refused one), list, disable, and someone else's or no voucher. */
final class SellerVoucherWalk {

    private SellerVoucherWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        String code = "SELLWALK" + System.nanoTime() % 100_000;
        String id = w.post(seller, "/api/v1/seller/vouchers", Map.of("code", code, "percent", 15, "maxUses", 3), 201).json().get("id").asText();
        w.post(seller, "/api/v1/seller/vouchers", Map.of("code", code + "X", "percent", 15, "productIds", List.of("prd_not_mine")), 422);
        w.post(p.customer().client(), "/api/v1/seller/vouchers", Map.of("code", code + "Y", "percent", 15), 403);
        w.get(seller, "/api/v1/seller/vouchers", 200);
        w.get(p.anon(), "/api/v1/seller/vouchers", 401);
        w.post(seller, "/api/v1/seller/vouchers/" + id + "/disable", 200);
        w.post(seller, "/api/v1/seller/vouchers/vch_nobody/disable", 404);
    }
}
