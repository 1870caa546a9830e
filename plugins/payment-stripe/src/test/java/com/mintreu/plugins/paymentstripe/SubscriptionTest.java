package com.mintreu.plugins.paymentstripe;

import static com.mintreu.plugins.paymentstripe.StripeTestbed.NOW;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CancelSubscriptionRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.SubscriptionEvent;
import com.mintreu.api.payment.SubscriptionEvent.Kind;
import com.mintreu.api.payment.SubscriptionRequest;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.plugins.paymentstripe.FakeStripe.Recorded;
import com.mintreu.plugins.paymentstripe.FakeStripeBilling.Signed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider-managed subscriptions against the fake Stripe: the Checkout Session in subscription
 * mode (request shape, idempotency), the billing webhooks as {@link SubscriptionEvent}s (signature
 * checked), cancelation and its undo, and the customer portal for a failed card.
 */
class SubscriptionTest {

    @TempDir
    Path dir;

    StripeTestbed bed;

    @BeforeEach
    void start() {
        bed = new StripeTestbed(dir);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    static SubscriptionRequest request(String subId, Period interval, int quantity, int trialDays, boolean trialCard) {
        return new SubscriptionRequest(subId, "ord_" + subId, "Photo API – Pro", new Money(1000L * quantity, "EUR"), interval, quantity,
                trialDays, trialCard, "buyer@example.com", URI.create("https://shop.example/account/orders/ord_1?notice=returned"),
                URI.create("https://shop.example/account/orders/ord_1?notice=canceled"), "subscribe:" + subId);
    }

    @Test
    void checkoutInSubscriptionModeCarriesTheRecurringPriceQuantityAndTheEngineIds() {
        CheckoutSession session = bed.gateway.createSubscription(request("sub_e1", Period.ofMonths(1), 3, 0, false));

        Recorded sent = bed.stripe.requests("POST", "/v1/checkout/sessions").getFirst();
        assertThat(sent.params()).containsOnly(
                entry("mode", "subscription"),
                entry("client_reference_id", "ord_sub_e1"),
                entry("metadata[order_id]", "ord_sub_e1"),
                entry("metadata[subscription_id]", "sub_e1"),
                entry("subscription_data[metadata][order_id]", "ord_sub_e1"),
                entry("subscription_data[metadata][subscription_id]", "sub_e1"),
                entry("payment_method_collection", "always"),
                entry("customer_email", "buyer@example.com"),
                entry("success_url", "https://shop.example/account/orders/ord_1?notice=returned"),
                entry("cancel_url", "https://shop.example/account/orders/ord_1?notice=canceled"),
                entry("line_items[0][quantity]", "3"),
                entry("line_items[0][price_data][currency]", "eur"),
                entry("line_items[0][price_data][unit_amount]", "1000"),
                entry("line_items[0][price_data][recurring][interval]", "month"),
                entry("line_items[0][price_data][recurring][interval_count]", "1"),
                entry("line_items[0][price_data][product_data][name]", "Photo API – Pro"));
        assertThat(sent.header("Idempotency-Key")).isEqualTo("subscribe:sub_e1");
        assertThat(session.providerReference()).startsWith("cs_test_");
        assertThat(session.redirectUrl()).isEqualTo(URI.create("https://checkout.stripe.com/c/pay/" + session.providerReference()));
        assertThat(bed.gateway.capabilities().subscriptions()).isTrue();
    }

    @Test
    void intervalsAndTrialsMapToStripesWords() {
        bed.gateway.createSubscription(request("sub_w", Period.ofWeeks(2), 1, 14, false));
        bed.gateway.createSubscription(request("sub_d", Period.ofDays(30), 1, 7, true));
        bed.gateway.createSubscription(request("sub_y", Period.ofYears(1), 1, 0, false));
        List<Recorded> sent = bed.stripe.requests("POST", "/v1/checkout/sessions");

        assertThat(sent.get(0).params()).contains(entry("line_items[0][price_data][recurring][interval]", "week"),
                entry("line_items[0][price_data][recurring][interval_count]", "2"), entry("subscription_data[trial_period_days]", "14"),
                entry("payment_method_collection", "if_required"));
        assertThat(sent.get(1).params()).contains(entry("line_items[0][price_data][recurring][interval]", "day"),
                entry("line_items[0][price_data][recurring][interval_count]", "30"), entry("subscription_data[trial_period_days]", "7"),
                entry("payment_method_collection", "always"));
        assertThat(sent.get(2).params()).contains(entry("line_items[0][price_data][recurring][interval]", "year"))
                .doesNotContainKey("subscription_data[trial_period_days]");
        assertThatThrownBy(() -> bed.gateway.createSubscription(request("sub_x", Period.of(0, 1, 3), 1, 0, false)))
                .isInstanceOf(PaymentGatewayException.class).hasMessageContaining("not P1M3D");
    }

    @Test
    void aRetriedSubscribeReturnsTheSameSessionAndCreatesOne() {
        CheckoutSession first = bed.gateway.createSubscription(request("sub_i", Period.ofMonths(1), 1, 0, false));
        CheckoutSession again = bed.gateway.createSubscription(request("sub_i", Period.ofMonths(1), 1, 0, false));

        assertThat(again.providerReference()).isEqualTo(first.providerReference());
        assertThat(bed.stripe.requests("POST", "/v1/checkout/sessions")).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("subscribe:sub_i"));
        assertThat(bed.stripe.session(first.providerReference())).isNotNull();
    }

    /** Subscribes through the fake and completes Checkout; returns the completed session. */
    private ObjectNode subscribed(String subId, int quantity) {
        CheckoutSession s = bed.gateway.createSubscription(request(subId, Period.ofMonths(1), quantity, 0, false));
        return bed.stripe.billing().completeSubscription(s.providerReference(), NOW.minusSeconds(60));
    }

    private List<GatewayEvent> deliver(String type, ObjectNode object, ObjectNode previous) throws WebhookRejectedException {
        Signed signed = bed.stripe.billing().signed(type, object, previous, WEBHOOK_SECRET, NOW);
        return bed.gateway.parseWebhook(StripeTestbed.webhook(signed.signature(), signed.body()));
    }

    @Test
    void completedSubscriptionCheckoutPaysTheOrderAndNamesTheSubscription() throws Exception {
        ObjectNode session = subscribed("sub_c", 2);
        List<GatewayEvent> events = deliver("checkout.session.completed", session, null);

        assertThat(events).hasSize(2);
        PaymentEvent paid = (PaymentEvent) events.get(0);
        assertThat(paid.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(paid.amount()).isEqualTo(new Money(2000, "EUR"));
        assertThat(paid.orderId()).isEqualTo("ord_sub_c");
        SubscriptionEvent activated = (SubscriptionEvent) events.get(1);
        assertThat(activated.kind()).isEqualTo(Kind.ACTIVATED);
        assertThat(activated.subscriptionId()).isEqualTo("sub_c");
        assertThat(activated.providerReference()).isEqualTo(session.get("subscription").asText()).startsWith("sub_");
        assertThat(activated.providerEventId()).isNotEqualTo(paid.providerEventId());
    }

    @Test
    void invoicePaidIsAPeriodPaidWithTheInvoiceAndItsLinePeriod() throws Exception {
        String stripeSub = subscribed("sub_p", 1).get("subscription").asText();
        ObjectNode renewal = bed.stripe.billing().renew(stripeSub);
        SubscriptionEvent e = (SubscriptionEvent) deliver("invoice.paid", renewal, null).getFirst();

        assertThat(e.kind()).isEqualTo(Kind.PERIOD_PAID);
        assertThat(e.subscriptionId()).isEqualTo("sub_p");
        assertThat(e.providerReference()).isEqualTo(stripeSub);
        assertThat(e.paymentReference()).isEqualTo(renewal.get("id").asText()).startsWith("in_");
        assertThat(e.amount()).isEqualTo(new Money(1000, "EUR"));
        assertThat(e.periodStart()).isEqualTo(Instant.ofEpochSecond(renewal.at("/lines/data/0/period/start").asLong()));
        assertThat(e.periodEnd()).isEqualTo(e.periodStart().atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());
    }

    @Test
    void theOlderInvoiceShapeNamesTheSubscriptionAtTheTop() throws Exception {
        String stripeSub = subscribed("sub_o", 1).get("subscription").asText();
        ObjectNode invoice = bed.stripe.billing().renew(stripeSub);
        invoice.put("subscription", stripeSub);
        invoice.putObject("subscription_details").putObject("metadata").put("subscription_id", "sub_o");
        invoice.remove("parent");
        ((ObjectNode) invoice.at("/lines/data/0")).remove("parent");
        SubscriptionEvent e = (SubscriptionEvent) deliver("invoice.paid", invoice, null).getFirst();

        assertThat(e.providerReference()).isEqualTo(stripeSub);
        assertThat(e.subscriptionId()).isEqualTo("sub_o");
    }

    @Test
    void aFailedRenewalIsPaymentFailedAndAOneOffInvoiceIsNothing() throws Exception {
        String stripeSub = subscribed("sub_f", 1).get("subscription").asText();
        ObjectNode failed = bed.stripe.billing().failRenewal(stripeSub);
        SubscriptionEvent e = (SubscriptionEvent) deliver("invoice.payment_failed", failed, null).getFirst();

        assertThat(e.kind()).isEqualTo(Kind.PAYMENT_FAILED);
        assertThat(e.paymentReference()).isEqualTo(failed.get("id").asText());
        assertThat(e.amount()).isEqualTo(new Money(1000, "EUR"));

        ObjectNode oneOff = FakeStripe.fixture("invoice");
        oneOff.put("status", "paid").put("amount_paid", 500);
        oneOff.putNull("parent");
        ((ObjectNode) oneOff.at("/lines/data/0")).putNull("parent");
        assertThat(deliver("invoice.paid", oneOff, null)).isEmpty();
    }

    @Test
    void onlyAFlipOfTheScheduledCancelationIsNews() throws Exception {
        String stripeSub = subscribed("sub_u", 1).get("subscription").asText();
        ObjectNode sub = bed.stripe.billing().subscription(stripeSub).put("cancel_at_period_end", true);
        ObjectNode wasOff = FakeStripe.JSON.createObjectNode().put("cancel_at_period_end", false);
        ObjectNode wasOn = FakeStripe.JSON.createObjectNode().put("cancel_at_period_end", true);

        assertThat(((SubscriptionEvent) deliver("customer.subscription.updated", sub, wasOff).getFirst()).kind()).isEqualTo(Kind.CANCEL_SCHEDULED);
        ObjectNode undone = sub.deepCopy().put("cancel_at_period_end", false);
        SubscriptionEvent back = (SubscriptionEvent) deliver("customer.subscription.updated", undone, wasOn).getFirst();
        assertThat(back.kind()).isEqualTo(Kind.CANCEL_UNDONE);
        assertThat(back.subscriptionId()).isEqualTo("sub_u");
        ObjectNode otherChange = FakeStripe.JSON.createObjectNode().put("default_payment_method", "pm_old");
        assertThat(deliver("customer.subscription.updated", undone, otherChange)).isEmpty();
        SubscriptionEvent deleted = (SubscriptionEvent) deliver("customer.subscription.deleted",
                bed.stripe.billing().endAtPeriodEnd(stripeSub), null).getFirst();
        assertThat(deleted.kind()).isEqualTo(Kind.CANCELED);
        assertThat(deleted.providerReference()).isEqualTo(stripeSub);
    }

    @Test
    void aBillingWebhookWithABadSignatureIsRejected() {
        String stripeSub = subscribed("sub_s", 1).get("subscription").asText();
        Signed forged = bed.stripe.billing().signed("invoice.paid", bed.stripe.billing().renew(stripeSub), null,
                "whsec_NotTheEndpointSecret000000000000000", NOW);

        assertThatThrownBy(() -> bed.gateway.parseWebhook(StripeTestbed.webhook(forged.signature(), forged.body())))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void cancelAtPeriodEndUndoAndCancelNowGoToTheSubscriptionWithTheKeys() {
        String stripeSub = subscribed("sub_k", 1).get("subscription").asText();

        bed.gateway.cancelSubscription(new CancelSubscriptionRequest(stripeSub, true, "sub_k:end:1"));
        assertThat(bed.stripe.billing().subscription(stripeSub).get("cancel_at_period_end").asBoolean()).isTrue();
        bed.gateway.undoCancelSubscription(new CancelSubscriptionRequest(stripeSub, true, "sub_k:undo:2"));
        assertThat(bed.stripe.billing().subscription(stripeSub).get("cancel_at_period_end").asBoolean()).isFalse();
        List<Recorded> updates = bed.stripe.requests("POST", "/v1/subscriptions/" + stripeSub);
        assertThat(updates).extracting(r -> r.params().get("cancel_at_period_end")).containsExactly("true", "false");
        assertThat(updates).extracting(r -> r.header("Idempotency-Key")).containsExactly("sub_k:end:1", "sub_k:undo:2");

        bed.gateway.cancelSubscription(new CancelSubscriptionRequest(stripeSub, false, "sub_k:cancel:3"));
        assertThat(bed.stripe.billing().subscription(stripeSub).get("status").asText()).isEqualTo("canceled");
        // a retry after success (the answer was lost) does not fail
        bed.gateway.cancelSubscription(new CancelSubscriptionRequest(stripeSub, false, "sub_k:cancel:3"));
        assertThat(bed.stripe.requests("DELETE", "/v1/subscriptions/" + stripeSub)).hasSize(2);
        assertThatThrownBy(() -> bed.gateway.cancelSubscription(new CancelSubscriptionRequest("sub_nope", false, "k")))
                .isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void theCardUpdatePageIsACustomerPortalSessionOfTheSubscriptionsCustomer() {
        ObjectNode session = subscribed("sub_m", 1);
        var url = bed.gateway.paymentMethodUpdateUrl(session.get("subscription").asText(), URI.create("https://shop.example/account/subscriptions"));

        Recorded portal = bed.stripe.requests("POST", "/v1/billing_portal/sessions").getFirst();
        assertThat(portal.params()).containsOnly(entry("customer", session.get("customer").asText()),
                entry("return_url", "https://shop.example/account/subscriptions"));
        assertThat(url).get().asString().startsWith("https://billing.stripe.com/p/session/");
    }
}
