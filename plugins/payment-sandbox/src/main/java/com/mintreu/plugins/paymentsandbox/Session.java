package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import java.util.List;

/** One row of {@code payment_sandbox_sessions}; {@code setup}: it only saves a card, for nothing ({@code amount} zero). {@code formToken} is a secret of the page: never logged. */
record Session(String id, String orderId, Money amount, List<CheckoutLine> lines, String customerEmail,
        String returnUrl, String cancelUrl, String formToken, SessionState state, long refundedMinor, String lastEvent,
        boolean setup) {

    @Override
    public String toString() {
        return "Session[" + id + ", " + orderId + ", " + amount + ", " + state + (setup ? ", setup" : "") + "]";
    }
}
