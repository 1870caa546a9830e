package com.mintreu.engine.affiliate;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The seller's page {@code /seller/affiliate-rates}: the affiliate commission of each of their
 * products, as a percent with at most two decimals; blank means the marketplace's global rate.
 */
final class SellerRatePages implements Routes {

    private final AffiliateStore store;
    private final Affiliates affiliates;
    private final Clock clock;

    @Inject
    SellerRatePages(AffiliateStore store, Affiliates affiliates, Clock clock) {
        this.store = store;
        this.affiliates = affiliates;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/affiliate-rates", x -> page(x, x.requireRole("seller"), 200, null, null, null));
        router.post("/seller/affiliate-rates/{productId}", x -> {
            Form form = x.form();
            Principal seller = x.requireRole("seller");
            String productId = x.pathParam("productId");
            String text = form.text("percent").strip();
            Optional<Integer> bp;
            try {
                bp = basisPoints(text);
            } catch (IllegalArgumentException e) {
                page(x, seller, 422, productId, text, e.getMessage());
                return;
            }
            if (!store.setRate(seller.userId(), productId, bp.orElse(null), clock.millis())) {
                throw ApiException.notFound("product " + productId); // not theirs, or no such product
            }
            x.redirect("/seller/affiliate-rates");
        });
    }

    /** "12.5" → 1250 basis points; blank → empty (the global rate). */
    static Optional<Integer> basisPoints(String percent) {
        if (percent.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal p;
        try {
            p = new BigDecimal(percent.replace(',', '.').replace("%", "").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("give the commission as a percent such as 12.5, or leave it blank for the global rate");
        }
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0 || p.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("the commission must be 0 to 100 %, with at most two decimals");
        }
        return Optional.of(p.movePointRight(2).intValueExact());
    }

    private void page(Exchange x, Principal seller, int status, String failedProduct, String failedText, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("products", store.productRates(seller.userId()));
        model.put("globalRate", affiliates.globalRatePercent());
        if (error != null) {
            model.put("failedProduct", failedProduct);
            model.put("failedText", failedText);
            model.put("error", error);
        }
        x.render(status, "seller/affiliate-rates", model);
    }
}
