package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.SubscriptionRequest;
import com.paypal.sdk.models.Frequency;
import com.paypal.sdk.models.IntervalUnit;
import com.paypal.sdk.models.PaymentPreferences;
import com.paypal.sdk.models.PlanRequest;
import com.paypal.sdk.models.PlanRequestStatus;
import com.paypal.sdk.models.SetupFeeFailureAction;
import com.paypal.sdk.models.SubscriptionBillingCycle;
import com.paypal.sdk.models.SubscriptionPricingScheme;
import com.paypal.sdk.models.TenureType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Period;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What PayPal needs before a subscription: a catalog product and a billing plan, built from a
 * {@link SubscriptionRequest}. PayPal bills a plan's price times the subscription's quantity, so a
 * plan carries the unit price ({@code amount / quantity}) and {@code quantity_supported}; an amount
 * that does not split evenly into seats becomes a plan of the whole amount with quantity 1.
 *
 * <p>Both are identified by a stable key over what defines them (the product by its name, the plan
 * by product, unit price, interval and trial), which is also their {@code PayPal-Request-Id}: two
 * nodes, or a restart within PayPal's 72 hours, get the same product and plan back, not a second one.
 */
final class Plans {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PayPal's limit on a product's and a plan's name. */
    static final int MAX_NAME = 127;
    /** How many failed renewals PayPal retries before it suspends a subscription. */
    static final int FAILURE_THRESHOLD = 3;

    private Plans() {
    }

    /** The plan PayPal bills, per seat: {@code unit × quantity} is the request's amount. */
    record Shape(String name, Money unit, int quantity, IntervalUnit unitOfInterval, int intervalCount, int trialDays) {

        String productKey() {
            return "mintreu-product-" + hash(name);
        }

        String planKey(String productId) {
            return "mintreu-plan-" + hash(productId + "|" + unit + "|" + unitOfInterval.value() + "|" + intervalCount + "|" + trialDays);
        }
    }

    static Shape shape(SubscriptionRequest request) {
        String name = request.planName() == null || request.planName().isBlank() ? "Subscription " + request.subscriptionId()
                : request.planName().strip();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        Money amount = request.amount();
        boolean perSeat = amount.minor() % request.quantity() == 0;
        Money unit = perSeat ? new Money(amount.minor() / request.quantity(), amount.currency()) : amount;
        int quantity = perSeat ? request.quantity() : 1;
        Amounts.value(unit); // REJECTED now for a currency or amount PayPal cannot express
        Frequency f = frequency(request.interval());
        if (request.trialDays() > 365) {
            throw new PaymentGatewayException(Reason.REJECTED, "PayPal takes trials of at most 365 days, got " + request.trialDays());
        }
        return new Shape(name, unit, quantity, f.getIntervalUnit(), f.getIntervalCount(), request.trialDays());
    }

    /**
     * The interval as PayPal's frequency: whole years as YEAR (PayPal allows 1), months as MONTH
     * (1..12), days divisible by 7 as WEEK (1..52), other days as DAY (1..365). Anything else,
     * such as 1 year and 2 days, PayPal cannot bill: REJECTED.
     */
    static Frequency frequency(Period interval) {
        Period p = interval.normalized();
        if (p.isNegative() || p.isZero() || (p.getDays() != 0 && p.toTotalMonths() != 0)) {
            throw new PaymentGatewayException(Reason.REJECTED, "PayPal cannot bill every " + interval);
        }
        long months = p.toTotalMonths();
        IntervalUnit unit;
        long count;
        if (months > 0) {
            unit = months % 12 == 0 ? IntervalUnit.YEAR : IntervalUnit.MONTH;
            count = months % 12 == 0 ? months / 12 : months;
        } else {
            unit = p.getDays() % 7 == 0 ? IntervalUnit.WEEK : IntervalUnit.DAY;
            count = p.getDays() % 7 == 0 ? p.getDays() / 7 : p.getDays();
        }
        long max = unit == IntervalUnit.YEAR ? 1 : unit == IntervalUnit.MONTH ? 12 : unit == IntervalUnit.WEEK ? 52 : 365;
        if (count > max) {
            throw new PaymentGatewayException(Reason.REJECTED, "PayPal bills at most every " + max + " " + unit.value() + ", got " + interval);
        }
        return new Frequency.Builder(unit).intervalCount((int) count).build();
    }

    /** {@code POST /v1/catalogs/products}: a digital service named as the plan the buyer sees. */
    static ObjectNode product(Shape shape) {
        return JSON.createObjectNode().put("name", shape.name()).put("type", "DIGITAL").put("category", "SOFTWARE");
    }

    /**
     * The plan: an optional free trial cycle (DAY × trialDays, once), then the regular cycle at
     * the unit price forever. PayPal retries a failed renewal ({@code auto_bill_outstanding}) and
     * suspends after {@link #FAILURE_THRESHOLD} failures, which the engine sees as the end.
     */
    static PlanRequest plan(Shape shape, String productId) {
        List<SubscriptionBillingCycle> cycles = new ArrayList<>();
        int sequence = 1;
        if (shape.trialDays() > 0) {
            cycles.add(new SubscriptionBillingCycle.Builder(new Frequency.Builder(IntervalUnit.DAY).intervalCount(shape.trialDays()).build(),
                    TenureType.TRIAL, sequence++).totalCycles(1).build());
        }
        cycles.add(new SubscriptionBillingCycle.Builder(new Frequency.Builder(shape.unitOfInterval()).intervalCount(shape.intervalCount()).build(),
                TenureType.REGULAR, sequence).totalCycles(0)
                .pricingScheme(new SubscriptionPricingScheme.Builder().fixedPrice(Orders.money(shape.unit())).build()).build());
        PaymentPreferences preferences = new PaymentPreferences.Builder().autoBillOutstanding(true)
                .setupFeeFailureAction(SetupFeeFailureAction.CANCEL).paymentFailureThreshold(FAILURE_THRESHOLD).build();
        return new PlanRequest.Builder().productId(productId).name(shape.name()).status(PlanRequestStatus.ACTIVE)
                .billingCycles(cycles).paymentPreferences(preferences).quantitySupported(true).build();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
