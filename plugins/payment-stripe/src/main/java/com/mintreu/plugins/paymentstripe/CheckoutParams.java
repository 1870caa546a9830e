package com.mintreu.plugins.paymentstripe;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.ProductData;
import java.util.List;
import java.util.Locale;

/**
 * A Checkout Session in payment mode for one order: inline prices (no Stripe Products to manage),
 * the order id as {@code client_reference_id} and as {@code order_id} metadata on the session and
 * on its payment intent (so charges, refunds and disputes in the dashboard name the order).
 */
final class CheckoutParams {

    /** Stripe's limit for a product name. */
    private static final int MAX_NAME = 250;

    private CheckoutParams() {
    }

    static SessionCreateParams of(CheckoutRequest request) {
        String orderId = request.orderId();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(orderId)
                .putMetadata(StripeEvents.ORDER_ID, orderId)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(StripeEvents.ORDER_ID, orderId).build())
                .setSuccessUrl(request.returnUrl().toString())
                .setCancelUrl(request.cancelUrl().toString());
        if (request.customerEmail() != null && !request.customerEmail().isBlank()) {
            params.setCustomerEmail(request.customerEmail());
        }
        for (CheckoutLine line : lines(request)) {
            params.addLineItem(LineItem.builder()
                    .setQuantity((long) line.quantity())
                    .setPriceData(PriceData.builder()
                            .setCurrency(line.unit().currency().toLowerCase(Locale.ROOT))
                            .setUnitAmount(line.unit().minor())
                            .setProductData(ProductData.builder().setName(name(line.name())).build())
                            .build())
                    .build());
        }
        return params.build();
    }

    /**
     * The order's lines when they add up to the frozen total exactly (Stripe charges the sum of the
     * line items); otherwise one line for the whole order, so the buyer is never charged anything
     * but {@link CheckoutRequest#amount()}.
     */
    static List<CheckoutLine> lines(CheckoutRequest request) {
        Money total = request.amount();
        long sum = 0;
        boolean usable = !request.lines().isEmpty();
        for (CheckoutLine line : request.lines()) {
            if (!line.unit().currency().equals(total.currency()) || line.unit().minor() <= 0) {
                usable = false;
                break;
            }
            try {
                sum = Math.addExact(sum, Math.multiplyExact(line.unit().minor(), (long) line.quantity()));
            } catch (ArithmeticException e) {
                usable = false;
                break;
            }
        }
        if (usable && sum == total.minor()) {
            return request.lines();
        }
        return List.of(new CheckoutLine("Order " + request.orderId(), 1, total));
    }

    private static String name(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            return "Item";
        }
        return stripped.length() <= MAX_NAME ? stripped : stripped.substring(0, MAX_NAME - 1) + "…";
    }
}
