package com.mintreu.engine.order;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The admin's payment methods as JSON, {@code /api/v1/admin/payment-methods} (the page: PaymentMethodPages). */
final class PaymentMethodRoutes implements Routes {

    /** What an API client sends: the ids first to last, and the default ({@code null}: none of the admin's). */
    record Arrangement(List<String> order, String defaultGateway) {}

    private final Gateways gateways;

    @Inject
    PaymentMethodRoutes(Gateways gateways) {
        this.gateways = gateways;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/payment-methods", x -> {
            x.requireRole("admin");
            x.json(200, Page.ofAll(gateways.methods(), PageRequest.of(x), Gateways.Method::id).map(PaymentMethodRoutes::view));
        });
        router.put("/api/v1/admin/payment-methods", x -> {
            Principal admin = x.requireRole("admin");
            Arrangement a = x.bodyJson(Arrangement.class);
            if (a == null || a.order() == null) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("order", "list the payment method ids first to last")));
            }
            List<Gateways.Method> saved = gateways.arrange(a.order(), a.defaultGateway(), admin);
            x.json(200, Page.ofAll(saved, PageRequest.first(200), Gateways.Method::id).map(PaymentMethodRoutes::view));
        });
    }

    static Map<String, Object> view(Gateways.Method m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("displayName", m.displayName());
        out.put("state", m.state());
        out.put("position", m.position());
        out.put("default", m.isDefault());
        return out;
    }
}
