package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.payment.CancelSubscriptionRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.SubscriptionRequest;
import com.paypal.sdk.models.ApplicationContextUserAction;
import com.paypal.sdk.models.BillingPlan;
import com.paypal.sdk.models.CreateSubscriptionRequest;
import com.paypal.sdk.models.ExperienceContextShippingPreference;
import com.paypal.sdk.models.LinkDescription;
import com.paypal.sdk.models.SubscriberRequest;
import com.paypal.sdk.models.Subscription;
import com.paypal.sdk.models.SubscriptionApplicationContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * PayPal Subscriptions v1: the engine's provider-managed subscriptions. {@link #create} makes
 * (once per stable key) the catalog product and billing plan, then the subscription with
 * {@code custom_id} = the engine's subscription id, and sends the buyer to its {@code approve}
 * link; PayPal then bills every interval and reports through webhooks ({@link SubscriptionWebhooks}).
 *
 * <p>PayPal has no "cancel at period end": {@link #cancel} always cancels at PayPal at once, so
 * PayPal bills no more, and the period already paid stays the engine's to honour.
 */
final class Subscriptions {

    /** PayPal's subscription ids ({@code I-BW452GLLEP1G}); anything else never reaches a URL path. */
    static final Pattern ID = Pattern.compile("I-[A-Z0-9]{1,48}");
    /** The reason PayPal stores with a cancelation (and shows the buyer), at most 128 characters. */
    static final String CANCEL_REASON = "Canceled by the customer in the shop";
    /** Subscription states after which PayPal bills no more. */
    private static final Set<String> ENDED = Set.of("CANCELLED", "EXPIRED");

    private final PayPalApi api;
    private final boolean sandbox;
    /** stable key → PayPal id of products and plans made by this node; PayPal-Request-Id covers other nodes. */
    private final Map<String, String> made = new ConcurrentHashMap<>();

    Subscriptions(PayPalApi api, boolean sandbox) {
        this.api = api;
        this.sandbox = sandbox;
    }

    /**
     * Creates the subscription with {@code PayPal-Request-Id} = the engine's idempotency key (a
     * retry within PayPal's 72 hours gets the same one) and returns its approval page.
     */
    CheckoutSession create(SubscriptionRequest request) {
        Plans.Shape shape = Plans.shape(request);
        String productId = made.computeIfAbsent(shape.productKey(), key -> api.createProduct(Plans.product(shape), key));
        String planId = made.computeIfAbsent(shape.planKey(productId), key -> {
            BillingPlan plan = api.createPlan(Plans.plan(shape, productId), key);
            if (plan.getId() == null) {
                throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal created a billing plan without an id");
            }
            return plan.getId();
        });
        SubscriptionApplicationContext context = new SubscriptionApplicationContext.Builder()
                .returnUrl(request.returnUrl().toString()).cancelUrl(request.cancelUrl().toString())
                .userAction(ApplicationContextUserAction.SUBSCRIBE_NOW)
                .shippingPreference(ExperienceContextShippingPreference.NO_SHIPPING).build();
        CreateSubscriptionRequest.Builder body = new CreateSubscriptionRequest.Builder(planId)
                .quantity(Integer.toString(shape.quantity())).customId(request.subscriptionId()).applicationContext(context);
        if (request.customerEmail() != null && !request.customerEmail().isBlank()) {
            body.subscriber(new SubscriberRequest.Builder().emailAddress(request.customerEmail()).build());
        }
        Subscription created = api.createSubscription(body.build(), request.idempotencyKey());
        if (created.getId() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal created a subscription without an id for " + request.subscriptionId());
        }
        if (created.getCustomId() != null && !created.getCustomId().equals(request.subscriptionId())) {
            throw new PaymentGatewayException(Reason.REJECTED, "idempotency key " + request.idempotencyKey()
                    + " was used for PayPal subscription " + created.getId() + " of another subscription");
        }
        URI approve = link(created, "approve").orElseThrow(() -> new PaymentGatewayException(Reason.UNAVAILABLE,
                "PayPal subscription " + created.getId() + " has no approve link"));
        return CheckoutSession.hosted(created.getId(), approve);
    }

    /**
     * {@code POST /v1/billing/subscriptions/{id}/cancel}, whether the engine asks for now or at
     * period end: PayPal cannot schedule it, and once canceled it bills no more. A retry after a
     * success meets PayPal's 422 (not ACTIVE or SUSPENDED any more): the subscription is read,
     * and CANCELLED or EXPIRED counts as done.
     */
    void cancel(CancelSubscriptionRequest request) {
        String id = checked(request.providerReference());
        try {
            api.cancelSubscription(id, CANCEL_REASON);
        } catch (PayPalError e) {
            if (e.status() != 422) {
                throw e;
            }
            String status = api.getSubscription(id).path("status").asText("");
            if (!ENDED.contains(status)) {
                throw e;
            }
        }
    }

    /**
     * The buyer's page for this subscription in their PayPal account ("automatic payments"),
     * where they change the card or funding source PayPal bills. PayPal offers no way back, so
     * {@code returnUrl} is not used.
     */
    Optional<URI> paymentMethodUpdateUrl(String providerReference) {
        if (providerReference == null || !ID.matcher(providerReference).matches()) {
            return Optional.empty();
        }
        String site = sandbox ? "https://www.sandbox.paypal.com" : "https://www.paypal.com";
        return Optional.of(URI.create(site + "/myaccount/autopay/connect/" + providerReference));
    }

    static String checked(String subscriptionId) {
        if (subscriptionId == null || !ID.matcher(subscriptionId).matches()) {
            throw new PaymentGatewayException(Reason.NOT_FOUND, "not a PayPal subscription id: " + subscriptionId);
        }
        return subscriptionId;
    }

    private static Optional<URI> link(Subscription subscription, String rel) {
        if (subscription.getLinks() == null) {
            return Optional.empty();
        }
        return subscription.getLinks().stream().filter(l -> rel.equals(l.getRel()) && l.getHref() != null)
                .map(LinkDescription::getHref).map(URI::create).findFirst();
    }
}
