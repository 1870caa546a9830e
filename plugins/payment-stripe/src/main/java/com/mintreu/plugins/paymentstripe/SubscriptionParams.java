package com.mintreu.plugins.paymentstripe;

import com.mintreu.api.payment.SubscriptionRequest;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.ProductData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.Recurring;
import java.time.Period;
import java.util.Locale;

/**
 * A Checkout Session in subscription mode for one recurring plan: an inline recurring price (no
 * Stripe Products or Prices to manage), the quantity (seats), the trial, and the engine's
 * subscription and order ids as metadata on the session and on the subscription, so every
 * {@code invoice.*} and {@code customer.subscription.*} event names the engine's subscription.
 */
final class SubscriptionParams {

    /** Metadata key carrying the engine's subscription id on sessions and subscriptions. */
    static final String SUBSCRIPTION_ID = "subscription_id";

    private SubscriptionParams() {
    }

    /** Stripe's interval and count for an engine interval: years, months, weeks (a multiple of 7 days) or days. */
    record Every(Recurring.Interval interval, long count) {}

    static Every every(Period p) {
        if (p.getYears() > 0 && p.getMonths() == 0 && p.getDays() == 0) {
            return new Every(Recurring.Interval.YEAR, p.getYears());
        }
        long months = p.toTotalMonths();
        if (months > 0 && p.getDays() == 0) {
            return new Every(Recurring.Interval.MONTH, months);
        }
        if (months == 0 && p.getDays() > 0) {
            return p.getDays() % 7 == 0 ? new Every(Recurring.Interval.WEEK, p.getDays() / 7) : new Every(Recurring.Interval.DAY, p.getDays());
        }
        throw new IllegalArgumentException("Stripe bills every N days, weeks, months or years, not " + p);
    }

    static SessionCreateParams of(SubscriptionRequest request) {
        Every every = every(request.interval());
        // the engine sends unit price x quantity; a total that does not divide is billed as one unit
        boolean divides = request.amount().minor() % request.quantity() == 0;
        long quantity = divides ? request.quantity() : 1;
        long unit = request.amount().minor() / quantity;
        SessionCreateParams.SubscriptionData.Builder data = SessionCreateParams.SubscriptionData.builder()
                .putMetadata(SUBSCRIPTION_ID, request.subscriptionId())
                .putMetadata(StripeEvents.ORDER_ID, request.orderId());
        if (request.trialDays() > 0) {
            data.setTrialPeriodDays((long) request.trialDays());
        }
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setClientReferenceId(request.orderId())
                .putMetadata(StripeEvents.ORDER_ID, request.orderId())
                .putMetadata(SUBSCRIPTION_ID, request.subscriptionId())
                .setSubscriptionData(data.build())
                // a free trial without a card up front only when the plan says so; otherwise the card is taken now
                .setPaymentMethodCollection(request.trialDays() > 0 && !request.trialNeedsPaymentMethod()
                        ? SessionCreateParams.PaymentMethodCollection.IF_REQUIRED : SessionCreateParams.PaymentMethodCollection.ALWAYS)
                .setSuccessUrl(request.returnUrl().toString())
                .setCancelUrl(request.cancelUrl().toString())
                .addLineItem(LineItem.builder()
                        .setQuantity(quantity)
                        .setPriceData(PriceData.builder()
                                .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(unit)
                                .setRecurring(Recurring.builder().setInterval(every.interval()).setIntervalCount(every.count()).build())
                                .setProductData(ProductData.builder().setName(name(request.planName())).build())
                                .build())
                        .build());
        if (request.customerEmail() != null && !request.customerEmail().isBlank()) {
            params.setCustomerEmail(request.customerEmail());
        }
        return params.build();
    }

    private static String name(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            return "Subscription";
        }
        return stripped.length() <= 250 ? stripped : stripped.substring(0, 249) + "…";
    }
}
