package com.mintreu.engine.order;

import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The admin's "Payment methods" page, {@code /admin/payment-methods}: every gateway with its state,
 * a position field each and move up/down buttons, and which one the cart preselects. One form, so
 * a move keeps the positions typed beside it; a bad position is shown beside its field.
 */
final class PaymentMethodPages implements Routes {

    static final String FORM = "methods";
    private static final int MAX_POSITION = 999;

    private final Gateways gateways;
    private final OrdersConfig config;

    @Inject
    PaymentMethodPages(Gateways gateways, OrdersConfig config) {
        this.gateways = gateways;
        this.config = config;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/payment-methods", x -> {
            x.requireRole("admin");
            render(x, 200, Optional.empty(), x.query("notice").filter("saved"::equals).isPresent()
                    ? "Saved. Every node offers the payment methods in this order within a few seconds." : "");
        });
        router.post("/admin/payment-methods", x -> {
            Form form = x.form();
            Principal admin = x.requireRole("admin");
            List<Gateways.Method> current = gateways.methods();
            Map<String, String> labels = labels(current);
            List<FieldError> errors = new ArrayList<>();
            Map<String, Integer> typed = new HashMap<>();
            for (Gateways.Method m : current) {
                String text = form.text(field(m)).strip();
                if (text.isEmpty()) {
                    typed.put(m.id(), m.position());
                    continue;
                }
                try {
                    int p = Integer.parseInt(text);
                    if (p < 1 || p > MAX_POSITION) {
                        throw new NumberFormatException();
                    }
                    typed.put(m.id(), p);
                } catch (NumberFormatException e) {
                    errors.add(new FieldError(field(m), "a whole number from 1 to " + MAX_POSITION));
                }
            }
            if (!errors.isEmpty()) {
                render(x, 422, Optional.of(FormErrors.of(FORM, form.values(), errors, labels)), "");
                return;
            }
            // typed positions first; a tie keeps the current order
            List<String> order = new ArrayList<>(current.stream()
                    .sorted(Comparator.comparingInt((Gateways.Method m) -> typed.get(m.id())).thenComparingInt(Gateways.Method::position))
                    .map(Gateways.Method::id).toList());
            move(order, form.text("move"));
            try {
                gateways.arrange(order, form.text("defaultGateway"), admin);
                x.redirect("/admin/payment-methods?notice=saved");
            } catch (ApiException e) {
                render(x, e.error().status(), Optional.of(FormErrors.from(e, FORM, form.values(), labels, Map.of()).orElseThrow(() -> e)), "");
            }
        });
    }

    /** Applies a move button ({@code <id>:up} or {@code <id>:down}) to {@code order}; anything else moves nothing. */
    static void move(List<String> order, String button) {
        int colon = button.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        int at = order.indexOf(button.substring(0, colon));
        int to = switch (button.substring(colon + 1)) {
            case "up" -> at - 1;
            case "down" -> at + 1;
            default -> -1;
        };
        if (at >= 0 && to >= 0 && to < order.size()) {
            order.add(to, order.remove(at));
        }
    }

    private static String field(Gateways.Method m) {
        return "position-" + m.id();
    }

    private static Map<String, String> labels(List<Gateways.Method> methods) {
        Map<String, String> out = new LinkedHashMap<>();
        methods.forEach(m -> out.put(field(m), "Position of " + m.displayName()));
        out.put("order", "Order");
        out.put("defaultGateway", "Preselected in the cart");
        return out;
    }

    private void render(Exchange x, int status, Optional<FormErrors> failed, String notice) {
        Map<String, Object> model = new HashMap<>(failed.map(FormErrors::model).orElse(Map.of()));
        Gateways.DefaultChoice choice = gateways.defaultChoice();
        model.put("methods", gateways.methods());
        model.put("defaultSource", choice.source());
        model.put("defaultId", choice.id().orElse(""));
        model.put("defaultName", choice.id().map(gateways::displayName).orElse(""));
        model.put("configDefault", config.defaultGateway());
        model.put("adminDefault", gateways.adminDefault().orElse(""));
        model.put("notice", notice);
        x.render(status, "admin/payment-methods", model);
    }
}
