package com.mintreu.engine.order;

import com.mintreu.api.event.DisputeClosed;
import com.mintreu.api.event.DisputeOpened;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import java.time.Clock;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disputes (chargebacks) as the gateways report them: opened → {@link DisputeOpened} (licenses of
 * the order are suspended by their subscriber), won → {@link DisputeClosed} WON (reinstated), lost
 * → {@link DisputeClosed} LOST and the disputed amount booked as a refund of source
 * {@code dispute}, so its {@code OrderRefunded} reverses the ledger and revokes the lines it covers
 * in full. A dispute is keyed by (gateway, provider dispute id) and decided once.
 */
@Singleton
final class DisputeService {

    private static final Logger LOG = LoggerFactory.getLogger(DisputeService.class);

    private final RefundStore store;
    private final RefundService refunds;
    private final Outbox outbox;
    private final PrincipalResolver users;
    private final Clock clock;

    @Inject
    DisputeService(RefundStore store, RefundService refunds, Outbox outbox, PrincipalResolver users, Clock clock) {
        this.store = store;
        this.refunds = refunds;
        this.outbox = outbox;
        this.users = users;
        this.clock = clock;
    }

    /** Applies one verified dispute event in the inbox transaction {@code h}. */
    OrderService.EventResult apply(Handle h, String gateway, Order order, DisputeEvent e) {
        long now = clock.millis();
        String candidate = Ids.next("dsp");
        boolean opened = store.insertDispute(h, candidate, order.id(), gateway, e.providerDisputeId(), e.amount(), e.reason(), now);
        String disputeId = opened ? candidate : store.disputeId(h, gateway, e.providerDisputeId()).orElseThrow();
        if (opened) {
            Outbox.Stamp s = outbox.stamp();
            outbox.publish(h, new DisputeOpened(s.eventId(), s.at(), disputeId, order.id(), e.amount(), e.reason()));
            tell(h, order, "Payment disputed: order " + order.id(), "The customer disputed the payment of order " + order.id() + " ("
                    + e.amount() + (e.reason() == null ? "" : ", reason: " + e.reason()) + "). Its licenses are suspended until the dispute is decided.");
        }
        if (e.status() == DisputeEvent.Status.OPENED) {
            return opened ? OrderService.EventResult.APPLIED : OrderService.EventResult.IGNORED;
        }
        boolean won = e.status() == DisputeEvent.Status.WON;
        if (!store.closeDispute(h, disputeId, won ? "won" : "lost", now)) {
            return OrderService.EventResult.IGNORED; // decided before: a dispute ends once
        }
        Outbox.Stamp s = outbox.stamp();
        outbox.publish(h, new DisputeClosed(s.eventId(), s.at(), disputeId, order.id(), won ? DisputeClosed.Outcome.WON : DisputeClosed.Outcome.LOST));
        if (!won) {
            refunds.book(h, order, e.amount(), Refund.DISPUTE, "dispute " + disputeId + " lost", gateway, null, RefundStatus.SUCCEEDED);
        }
        LOG.info("dispute {} of order {} {}", disputeId, order.id(), won ? "won" : "lost");
        tell(h, order, "Dispute " + (won ? "won" : "lost") + ": order " + order.id(), won
                ? "The dispute of order " + order.id() + " was decided for the shop; its licenses are active again."
                : "The dispute of order " + order.id() + " was lost: " + e.amount() + " went back to the customer; what the order granted is revoked.");
        return OrderService.EventResult.APPLIED;
    }

    /** The sellers of the order and every admin. */
    private void tell(Handle h, Order order, String subject, String text) {
        order.lines().stream().map(OrderLine::sellerId).distinct().forEach(seller -> users.byUserId(seller).map(Principal::email)
                .ifPresent(to -> outbox.mail(h, to, subject, text)));
        refunds.mailAdmins(h, subject, text);
    }
}
