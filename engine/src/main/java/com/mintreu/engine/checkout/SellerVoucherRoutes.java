package com.mintreu.engine.checkout;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/** A seller's vouchers over the API: {@code GET/POST /api/v1/seller/vouchers}, {@code POST /api/v1/seller/vouchers/{id}/disable}. */
final class SellerVoucherRoutes implements Routes {

    private final SellerVouchers vouchers;

    @Inject
    SellerVoucherRoutes(SellerVouchers vouchers) {
        this.vouchers = vouchers;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/vouchers", x -> x.json(200, vouchers.list(x.requireRole("seller"), PageRequest.of(x))));
        router.post("/api/v1/seller/vouchers", x -> {
            var seller = x.requireRole("seller");
            x.json(201, vouchers.create(seller, x.bodyJson(VoucherRoutes.NewVoucher.class)));
        });
        router.post("/api/v1/seller/vouchers/{id}/disable", x -> x.json(200, vouchers.disable(x.requireRole("seller"), x.pathParam("id"))));
    }
}
