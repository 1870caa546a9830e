package com.mintreu.engine.payout;

import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.api.payout.PayoutEvent;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payout webhook inbox, like the payment one: the method verifies the signature before
 * anything is recorded; each event is applied in one transaction with its {@code payout_events}
 * row, so a redelivered event stops at the row's key and changes nothing.
 */
@Singleton
final class PayoutWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutWebhooks.class);

    private final PayoutMethods methods;
    private final PayeeStore payees;
    private final PayoutReversals reversals;
    private final AuditLog audit;
    private final Tx tx;
    private final Clock clock;

    @Inject
    PayoutWebhooks(PayoutMethods methods, PayeeStore payees, PayoutReversals reversals, AuditLog audit, Tx tx, Clock clock) {
        this.methods = methods;
        this.payees = payees;
        this.reversals = reversals;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Verifies and applies one webhook for payout method {@code methodId}; returns one result per
     * event ({@code APPLIED}, {@code DUPLICATE}, or what a reversal found).
     *
     * @throws ApiException 404 for an unknown method, 400 {@code PAYOUT_WEBHOOK_REJECTED} for one it refused
     */
    List<String> receive(String methodId, WebhookRequest raw) {
        Optional<List<PayoutEvent>> events;
        try {
            events = methods.parseWebhook(methodId, raw);
        } catch (WebhookRejectedException e) {
            LOG.warn("payout webhook for {} rejected: {} ({})", methodId, e.reason(), e.getMessage());
            throw new ApiException(PayoutError.PAYOUT_WEBHOOK_REJECTED, "webhook rejected: " + e.reason());
        }
        List<String> results = new ArrayList<>();
        for (PayoutEvent event : events.orElseThrow(() -> ApiException.notFound("payout method " + methodId))) {
            results.add(switch (event) {
                case PayoutEvent.PayeeUpdated u -> apply(methodId, event, "payee_updated", u.status().payeeId(), () -> {
                    tx.useTransaction(h -> {
                        payees.save(h, methodId, u.status(), clock.millis());
                        audit.record(h, AuditLog.Actor.SYSTEM, "payout.payee_updated", "user", u.status().payeeId(), Map.of(
                                "method", methodId, "payoutsEnabled", String.valueOf(u.status().payoutsEnabled())));
                    });
                    return "APPLIED";
                });
                case PayoutEvent.PayoutReversed r -> apply(methodId, event, "payout_reversed", r.payoutId(),
                        () -> reversals.reverse(r.payoutId(), r.reversedTotal(), r.reference()));
            });
        }
        return results;
    }

    /** Records the status the payee has now, as the method read it from the provider (the payee came back from onboarding). */
    void remember(String methodId, PayeeStatus status) {
        tx.useTransaction(h -> payees.save(h, methodId, status, clock.millis()));
    }

    /** Records that the payee started onboarding, so their pages say "not finished" until the provider reports. */
    void started(String methodId, String payeeId) {
        tx.useTransaction(h -> payees.started(h, methodId, payeeId, clock.millis()));
    }

    private interface Effect {
        String apply();
    }

    private String apply(String methodId, PayoutEvent event, String kind, String subject, Effect effect) {
        return tx.inTransaction(h -> {
            if (!payees.recordEvent(h, methodId, event.providerEventId(), kind, subject, clock.millis())) {
                return "DUPLICATE";
            }
            String result = effect.apply(); // joins this transaction: the row and the effect commit together
            payees.eventResult(h, methodId, event.providerEventId(), result);
            if (!result.equals("APPLIED") && !result.equals("REVERSED")) {
                LOG.warn("payout event {} of {} for {}: {}", event.providerEventId(), methodId, subject, result);
            }
            return result;
        });
    }
}
