package com.mintreu.engine.order;

import com.mintreu.engine.web.ErrorCode;

/** Errors of orders, checkout and payment webhooks. */
public enum OrderError implements ErrorCode {
    ILLEGAL_TRANSITION(409, "The order cannot move to that state"),
    UNKNOWN_GATEWAY(404, "No such payment gateway is running"),
    WEBHOOK_REJECTED(400, "The webhook could not be verified"),
    /** The provider could not be reached (or was busy); trying again later, or another gateway, can work. */
    GATEWAY_UNAVAILABLE(502, "The payment provider cannot be reached; try again in a few minutes"),
    /** The provider did not answer in time; a retry with the same order is safe (same idempotency key). */
    GATEWAY_TIMEOUT(504, "The payment provider did not answer in time; try again"),
    /** The gateway refused the shop's request (bad credentials, bad setup): an operator must act; another gateway can work. */
    GATEWAY_CONFIGURATION(502, "This payment method is not working because of the shop's settings"),
    /** A payment session exists at the order's gateway, so the order cannot switch to another one. */
    PAYMENT_ALREADY_STARTED(409, "Payment for this order already started with another payment method"),
    CART_EMPTY(422, "The cart is empty"),
    MIXED_CURRENCIES(422, "Everything in one order must be in one currency"),
    NOT_PURCHASABLE(422, "That item cannot be bought right now"),
    VOUCHER_INVALID(422, "The voucher code is not valid"),
    VOUCHER_EXHAUSTED(409, "The voucher has been used up"),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was used for a different request"),
    PAYMENT_METHOD_REQUIRED(422, "This free trial needs a payment method saved up front");

    private final int status;
    private final String title;

    OrderError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
