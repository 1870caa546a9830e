package com.mintreu.engine.order;

import com.mintreu.engine.web.ErrorCode;

/** Errors of refunds and their decisions. */
public enum RefundError implements ErrorCode {
    /** More than was paid for a line, minus what is refunded or being refunded already. */
    OVER_REFUND(422, "That is more than is left to refund"),
    /** Only a paid order that went through a gateway can be refunded. */
    ORDER_NOT_REFUNDABLE(422, "This order cannot be refunded"),
    /** The order's gateway cannot refund (or is not running). */
    REFUNDS_NOT_SUPPORTED(422, "This payment method cannot give money back"),
    /** The order's gateway refunds only a whole payment, once. */
    PARTIAL_REFUND_NOT_SUPPORTED(422, "This payment method can only refund the whole order, once"),
    /** The refund is no longer in a state that allows this decision (decided already, or being paid out). */
    REFUND_ILLEGAL_TRANSITION(409, "The refund cannot move to that state");

    private final int status;
    private final String title;

    RefundError(int status, String title) {
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
