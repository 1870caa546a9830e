package com.mintreu.engine.webhook;

import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.WebhooksConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.notify.Outbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook messages, signed, and records each attempt. Run by {@link WebhookJob} every
 * few seconds; any number of nodes may run it at once: a message is claimed with a conditional
 * update before it is sent, so one node attempts it at a time. A 2xx ends a message; a failure
 * schedules the next try ({@link RetrySchedule}); an endpoint whose failures have lasted 3 days is
 * disabled and its seller told by mail, in the same transaction.
 */
@Singleton
public final class WebhookDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final int BATCH = 20;

    private final WebhookStore store;
    private final SecretSeal seal;
    private final Tx tx;
    private final Outbox outbox;
    private final Clock clock;
    private final WebhooksConfig config;
    private final String publicUrl;
    private final WebhookSender sender;

    @Inject
    WebhookDeliveries(WebhookStore store, SecretSeal seal, Tx tx, Outbox outbox, Clock clock, MintreuConfig config) {
        this.store = store;
        this.seal = seal;
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config.webhooks();
        this.publicUrl = config.server().publicUrl().toString().replaceAll("/+$", "");
        this.sender = new WebhookSender(this.config.timeout());
    }

    /** Attempts every due message this node can claim; returns how many were delivered (2xx). */
    public int runDue() {
        int delivered = 0;
        for (WebhookMessage m : store.due(clock.millis(), BATCH)) {
            // the lease outlasts the longest call, so nobody takes the message while this node still sends it
            if (!store.claim(m, clock.millis() + config.timeout().toMillis() * 2 + 30_000)) {
                continue;
            }
            try {
                if (attempt(m)) {
                    delivered++;
                }
            } catch (RuntimeException ex) {
                // e.g. the endpoint was deleted mid-attempt; the claim runs out and the message (if any) is due again
                LOG.warn("webhook {}: attempt not recorded: {}", m.id(), ex.toString());
            }
        }
        return delivered;
    }

    /** The secrets signing at {@code now}: the current one, and the one before a rotation during its overlap. */
    List<String> signingSecrets(WebhookEndpoint e, long now) {
        List<String> out = new ArrayList<>();
        out.add(seal.open(e.id(), e.secretSealed()));
        if (e.previousSealed() != null && e.previousUntil() != null && now < e.previousUntil()) {
            out.add(seal.open(e.id(), e.previousSealed()));
        }
        return out;
    }

    private boolean attempt(WebhookMessage m) {
        Optional<WebhookEndpoint> found = store.endpoint(m.endpointId());
        long now = clock.millis();
        if (found.isEmpty() || !WebhookEndpoint.ACTIVE.equals(found.get().status())) {
            store.release(m.id(), now); // disabled meanwhile: it waits, unattempted, for the endpoint to be enabled
            return false;
        }
        WebhookEndpoint e = found.get();
        Optional<String> refused = TargetGuard.refusal(e.url(), config.allowPrivateTargets());
        long seconds = now / 1000;
        WebhookSender.Result result = refused.isPresent() ? new WebhookSender.Result(null, 0, "not sent: the URL " + refused.get())
                : sender.post(e.url(), m.id(), seconds, WebhookSignature.header(signingSecrets(e, now), m.id(), seconds, m.payload()), m.payload());
        record(e, m, now, result);
        return result.ok();
    }

    private void record(WebhookEndpoint e, WebhookMessage m, long at, WebhookSender.Result r) {
        long now = clock.millis();
        tx.useTransaction(h -> {
            store.attempt(h, new WebhookAttempt(Ids.next("wha"), m.id(), at, r.status(), r.durationMs(), r.ok() ? null : cap(r.error())));
            if (r.ok()) {
                store.delivered(h, m.id(), now);
                store.succeeded(h, e.id());
                return;
            }
            store.failing(h, e.id(), at);
            OptionalLong next = RetrySchedule.next(m.createdAt(), m.attempts() + 1, now);
            store.retryOrFail(h, m.id(), next.isPresent() ? next.getAsLong() : null);
            String reason = "deliveries failed for 3 days; last error: " + cap(r.error());
            // Failing for 3 days: since 3 days ago, or since the first attempt of a message that just ran out of
            // retries (its last try lands 3 days after the event, a few seconds less after its first attempt).
            long since = now - RetrySchedule.GIVE_UP_AFTER.toMillis();
            if (next.isEmpty()) {
                since = Math.max(since, store.firstAttempt(h, m.id()).orElse(since));
            }
            if (store.disableIfFailingSince(h, e.id(), since, reason)) {
                LOG.warn("webhook endpoint {} of seller {} disabled: {}", e.id(), e.sellerId(), reason);
                store.email(h, e.sellerId()).ifPresent(to -> outbox.mail(h, to, "Your webhook endpoint was disabled", """
                        Deliveries to your webhook endpoint %s have failed for 3 days, so it was disabled: nothing more is sent to it.
                        Last error: %s

                        Fix the endpoint, then enable it again at %s/seller/webhooks/%s (messages still waiting are sent then).
                        """.formatted(e.url(), cap(r.error()), publicUrl, e.id())));
            }
        });
        if (!r.ok()) {
            LOG.info("webhook {} to endpoint {}: attempt {} failed: {}", m.id(), e.id(), m.attempts() + 1, cap(r.error()));
        }
    }

    private static String cap(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
