package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The refund form of the customer's and the admin's order pages: {@code scope} is {@code order}
 * (all that is left) or {@code lines}, a checkbox {@code line.<lineId>} per chosen line, for an
 * admin an optional amount {@code amount.<lineId>} (empty: all that is left of the line), and the
 * {@code reason}. Shared by {@link OrderPages} and {@link AdminOrderPages}.
 */
final class RefundForm {

    /** A line the form offers and how much of it is left to refund. */
    record Offer(OrderLine line, Money left) {}

    /** The form's input names and their labels, for {@code FormErrors}. */
    static final Map<String, String> LABELS = Map.of("reason", "Reason", "lines", "Lines");

    private RefundForm() {}

    /** The lines with something left to refund; empty when the order cannot be refunded at all (unpaid, free, no gateway). */
    static List<Offer> offers(Order order, Map<String, Long> held) {
        if (!order.status().isPaid() || order.gateway() == null || order.total().isZero()) {
            return List.of();
        }
        return order.lines().stream().map(l -> new Offer(l, new Money(l.total().minor() - held.getOrDefault(l.id(), 0L), order.currency())))
                .filter(o -> o.left().minor() > 0).toList();
    }

    /** What was asked for; empty for the whole order. Unchosen lines or unreadable amounts are 422 field errors. */
    static List<RefundService.LineAsk> asks(Form f, Order order, boolean amounts) {
        if (!"lines".equals(f.text("scope"))) {
            return List.of();
        }
        List<RefundService.LineAsk> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            if (f.get("line." + l.id()).isEmpty()) {
                continue;
            }
            String typed = amounts ? f.text("amount." + l.id()).strip() : "";
            Long minor = null;
            if (!typed.isEmpty()) {
                try {
                    minor = MoneyText.parse(typed, order.currency()).minor();
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("amount." + l.id(), e.getMessage()));
                }
            }
            out.add(new RefundService.LineAsk(l.id(), minor));
        }
        if (out.isEmpty()) {
            errors.add(new FieldError("lines", "choose at least one line, or the whole order"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return out;
    }

    /** Labels for the amount inputs of the order's lines too (the admin's form). */
    static Map<String, String> labels(Order order) {
        Map<String, String> out = new java.util.HashMap<>(LABELS);
        order.lines().forEach(l -> out.put("amount." + l.id(), "Amount of " + l.title()));
        return out;
    }
}
