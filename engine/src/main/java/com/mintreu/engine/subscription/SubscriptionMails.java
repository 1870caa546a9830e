package com.mintreu.engine.subscription;

import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.notify.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The customer's mails about a subscription (dunning, recovery, cancelation, trial and yearly
 * renewal reminders), written to the outbox in the caller's transaction. Each kind goes out once
 * per subscription period: the {@code subscription_notices} row is inserted first and the mail is
 * written only when that insert was new, so a rerun or a racing node sends nothing twice.
 */
@Singleton
final class SubscriptionMails {

    /** What a mail is about; the id is stored in {@code subscription_notices.kind}. */
    enum Kind {
        PAYMENT_FAILED("payment_failed"), REMINDER("reminder"), FINAL_NOTICE("final_notice"), RECOVERED("recovered"), CANCELED("canceled"),
        TRIAL_ENDS("trial_ends"), RENEWS("renews");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    private final Clock clock;
    private final String baseUrl;

    @Inject
    SubscriptionMails(Outbox outbox, Clock clock, ServerConfig server) {
        this.outbox = outbox;
        this.clock = clock;
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A renewal could not be charged: pay the renewal order with another card. {@code nextTry} null: no retry (no saved method). */
    boolean paymentFailed(Handle h, Subscription s, int seq, String orderId, Long nextTry, long endsAt) {
        return send(h, s, Kind.PAYMENT_FAILED, seq, "Payment failed for your subscription to " + s.title(),
                "We could not charge " + MoneyText.format(s.amount()) + " for the renewal of " + name(s) + "."
                        + (nextTry == null ? "" : " We will try again on " + day(nextTry) + ".")
                        + "\n\nTo keep it, pay the renewal with another card (you can save it for the next renewals):\n" + payLink(orderId)
                        + "\n\nIf it is not paid by " + day(endsAt) + ", the subscription ends and its benefits stop.");
    }

    /**
     * A renewal failed at the provider that renews the subscription (it retries on its own): the
     * link is the provider's page to update the card, or the Subscriptions page when it has none.
     */
    boolean paymentFailedAtProvider(Handle h, Subscription s, int seq, com.mintreu.api.money.Money amount, java.net.URI updateUrl) {
        return send(h, s, Kind.PAYMENT_FAILED, seq, "Payment failed for your subscription to " + s.title(),
                "We could not charge " + MoneyText.format(amount == null ? s.amount() : amount) + " for the renewal of " + name(s) + "."
                        + " The payment provider will try again over the next days."
                        + "\n\nTo keep it, update your payment method here:\n"
                        + (updateUrl == null ? baseUrl + "/account/subscriptions" : updateUrl.toString())
                        + "\n\nIf no payment succeeds, the subscription ends and its benefits stop.");
    }

    /** A retry in the middle of the schedule failed too. */
    boolean reminder(Handle h, Subscription s, int seq, String orderId, long nextTry, long endsAt) {
        return send(h, s, Kind.REMINDER, seq, "Reminder: your subscription to " + s.title() + " is not paid",
                "The renewal of " + name(s) + " (" + MoneyText.format(s.amount()) + ") is still unpaid. We will try your card again on "
                        + day(nextTry) + ".\n\nPay it with another card here:\n" + payLink(orderId)
                        + "\n\nIf it is not paid by " + day(endsAt) + ", the subscription ends.");
    }

    /** Only the last retry is left. */
    boolean finalNotice(Handle h, Subscription s, int seq, String orderId, long lastTry) {
        return send(h, s, Kind.FINAL_NOTICE, seq, "Final notice: your subscription to " + s.title() + " ends on " + day(lastTry),
                "We will try to charge " + MoneyText.format(s.amount()) + " for " + name(s) + " one last time on " + day(lastTry)
                        + ". If that fails, the subscription is canceled and its benefits stop.\n\nPay it now with another card:\n"
                        + payLink(orderId));
    }

    boolean recovered(Handle h, Subscription s, int seq, long paidUntil) {
        return send(h, s, Kind.RECOVERED, seq, "Payment recovered: your subscription to " + s.title() + " is active",
                "Thank you: the renewal of " + name(s) + " is paid and the subscription is active again until " + day(paidUntil) + ".");
    }

    boolean canceled(Handle h, Subscription s, String reason) {
        return send(h, s, Kind.CANCELED, s.currentSeq(), "Your subscription to " + s.title() + " is canceled",
                "Your subscription to " + name(s) + " was canceled (" + reason + "). It will not be charged again.\n\nYour subscriptions: "
                        + baseUrl + "/account/subscriptions");
    }

    boolean trialEnds(Handle h, Subscription s) {
        return send(h, s, Kind.TRIAL_ENDS, s.currentSeq(), "Your trial of " + s.title() + " ends in 3 days",
                "Your free trial of " + name(s) + " ends on " + day(s.currentPeriodEnd()) + ". Then it costs " + MoneyText.format(s.amount())
                        + " per " + s.recurrence().per() + (s.paymentMethodSummary() == null
                                ? "; you will be asked to pay it." : ", charged to " + s.paymentMethodSummary() + ".")
                        + "\n\nTo stop it, cancel before then: " + baseUrl + "/account/subscriptions");
    }

    boolean renews(Handle h, Subscription s) {
        return send(h, s, Kind.RENEWS, s.currentSeq(), "Your subscription to " + s.title() + " renews in 7 days",
                "Your yearly subscription to " + name(s) + " renews on " + day(s.currentPeriodEnd()) + " for " + MoneyText.format(s.amount())
                        + (s.paymentMethodSummary() == null ? "." : ", charged to " + s.paymentMethodSummary() + ".")
                        + "\n\nTo stop it, cancel at the end of the period: " + baseUrl + "/account/subscriptions");
    }

    private boolean send(Handle h, Subscription s, Kind kind, int seq, String subject, String text) {
        int inserted = h.createUpdate("""
                        INSERT INTO subscription_notices (subscription_id, kind, seq, sent_at) VALUES (:s, :kind, :seq, :now)
                        ON CONFLICT (subscription_id, kind, seq) DO NOTHING""")
                .bind("s", s.id()).bind("kind", kind.id).bind("seq", seq).bind("now", clock.millis()).execute();
        if (inserted == 0) {
            return false;
        }
        String to = h.createQuery("SELECT email FROM users WHERE id = :id").bind("id", s.customerId()).mapTo(String.class).findOne().orElse(null);
        if (to != null) { // an account that is gone is recorded anyway, so it is not retried
            outbox.mail(h, to, subject, text);
        }
        return true;
    }

    private String payLink(String orderId) {
        return baseUrl + "/account/orders/" + orderId;
    }

    private static String name(Subscription s) {
        return s.title() + " – " + s.planName();
    }

    private static String day(long at) {
        return DAY.format(Instant.ofEpochMilli(at));
    }
}
