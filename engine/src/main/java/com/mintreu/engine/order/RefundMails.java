package com.mintreu.engine.order;

import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The mails of a refund's life, written to the outbox in the transaction of the change (so a
 * rolled-back change sends nothing): the customer hears of their request, its decision and the
 * payout; the sellers of its lines hear of a request to decide and of the payout.
 */
@Singleton
final class RefundMails {

    private final Outbox outbox;
    private final PrincipalResolver users;
    private final RefundStore store;

    @Inject
    RefundMails(Outbox outbox, PrincipalResolver users, RefundStore store) {
        this.outbox = outbox;
        this.users = users;
        this.store = store;
    }

    /** A customer's request: waiting for the sellers, or approved by the rule ({@code autoNote} non-null). */
    void requested(Handle h, Refund r, String autoNote) {
        String amount = MoneyText.format(r.amount());
        if (autoNote == null) {
            customer(h, r, "We received your refund request for order " + r.orderId(), "You asked for a refund of " + amount + " for order "
                    + r.orderId() + ".\nThe seller decides on it; we will write to you again. You can follow it on your order page: /account/orders/"
                    + r.orderId());
            sellers(h, r, "Refund requested for order " + r.orderId(), "A customer asks for a refund of " + amount + " for order " + r.orderId()
                    + ".\nReason: " + r.reason() + "\nApprove or decline it on your refunds page: /seller/refunds");
        } else {
            customer(h, r, "Your refund of " + amount + " was approved", "Your refund of " + amount + " for order " + r.orderId()
                    + " was approved at once; the money is being sent back.");
            sellers(h, r, "Refund approved automatically for order " + r.orderId(), "A refund of " + amount + " for order " + r.orderId()
                    + " was approved automatically (" + autoNote + ").\nReason given: " + r.reason() + "\nSee it on your refunds page: /seller/refunds");
        }
    }

    void declined(Handle h, Refund r, String note) {
        customer(h, r, "Your refund request was declined", "Your request to refund " + MoneyText.format(r.amount()) + " of order " + r.orderId()
                + " was declined." + (note == null || note.isBlank() ? "" : "\nThe seller wrote: " + note));
    }

    void succeeded(Handle h, Refund r) {
        String amount = MoneyText.format(r.amount());
        customer(h, r, "Your refund of " + amount + " is on its way", "We refunded " + amount + " of order " + r.orderId()
                + ". Lines refunded in full are no longer available to you.");
        sellers(h, r, "Refund of order " + r.orderId(), "A refund of order " + r.orderId() + " was paid out: " + amount
                + ". Your balance changed accordingly.");
    }

    void failed(Handle h, Refund r, String why) {
        customer(h, r, "Your refund could not be paid", "The refund of " + MoneyText.format(r.amount()) + " for order " + r.orderId()
                + " could not be paid out (" + why + "). The shop has been told.");
    }

    /** Mails every admin, in {@code h}'s transaction. */
    void admins(Handle h, String subject, String text) {
        store.adminEmails(h).forEach(to -> outbox.mail(h, to, subject, text));
    }

    private void customer(Handle h, Refund r, String subject, String text) {
        users.byUserId(r.customerId()).map(Principal::email).ifPresent(to -> outbox.mail(h, to, subject, text));
    }

    private void sellers(Handle h, Refund r, String subject, String text) {
        r.lines().stream().map(Refund.Line::sellerId).distinct().forEach(seller -> users.byUserId(seller).map(Principal::email)
                .ifPresent(to -> outbox.mail(h, to, subject, text)));
    }
}
