package com.mintreu.engine.checkout;

import com.mintreu.engine.order.OrderError;
import com.mintreu.engine.web.ApiException;

/**
 * The order is saved but its gateway did not open a payment page. The error says what the buyer
 * can do ({@code GATEWAY_TIMEOUT}, {@code GATEWAY_UNAVAILABLE}, {@code GATEWAY_CONFIGURATION});
 * pages send them to the order, where "Pay now" tries again.
 */
final class PaymentNotStartedException extends ApiException {

    private final String orderId;

    PaymentNotStartedException(OrderError error, String orderId, String detail) {
        super(error, detail);
        this.orderId = orderId;
    }

    String orderId() {
        return orderId;
    }
}
