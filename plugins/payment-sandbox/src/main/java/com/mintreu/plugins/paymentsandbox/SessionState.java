package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.payment.Outcome;

/** Where a sandbox checkout session is. OPEN and PENDING sessions still accept a button. */
enum SessionState {
    OPEN, PENDING, SUCCEEDED, DECLINED;

    boolean acceptsAction() {
        return this == OPEN || this == PENDING;
    }

    /** What {@code fetch} reports: a session nobody has acted on yet is pending, not unknown. */
    Outcome outcome() {
        return switch (this) {
            case OPEN, PENDING -> Outcome.PENDING;
            case SUCCEEDED -> Outcome.SUCCEEDED;
            case DECLINED -> Outcome.DECLINED;
        };
    }
}
