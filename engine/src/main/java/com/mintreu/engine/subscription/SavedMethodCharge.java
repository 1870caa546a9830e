package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.ChargeRequest;
import com.mintreu.api.payment.ChargeResult;
import com.mintreu.api.payment.RecurringCharges;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.OrderService;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges a subscription's saved payment method off-session for one of its orders (a renewal, or
 * the prorated part of an upgrade), with a key stored by the caller before the call. A success
 * pays the order through the webhook path ({@link OrderService#chargeSucceeded}: inbox row keyed by
 * the charge, amount check, {@code order.paid}: receipt, ledger), so a charge reported twice pays
 * once. The caller decides what each outcome means for the subscription.
 */
@Singleton
final class SavedMethodCharge {

    private static final Logger LOG = LoggerFactory.getLogger(SavedMethodCharge.class);

    /** How the charge went. {@code UNKNOWN}: timeout or gateway down, ask again with the same key. */
    enum Outcome { PAID, DECLINED, NO_METHOD, UNKNOWN, PENDING }

    /** The outcome, the provider's reference (null when none) and the decline reason (null unless declined). */
    record Result(Outcome outcome, String providerReference, String declineReason) {}

    private final Gateways gateways;
    private final OrderService orders;

    @Inject
    SavedMethodCharge(Gateways gateways, OrderService orders) {
        this.gateways = gateways;
        this.orders = orders;
    }

    Result charge(Subscription s, String orderId, Money amount, String description, String key) {
        if (s.paymentMethod() == null || !gateways.chargesSavedMethods(s.gateway())) {
            return new Result(Outcome.NO_METHOD, null, null);
        }
        ChargeResult result;
        try {
            ChargeRequest request = new ChargeRequest(s.paymentMethod(), orderId, amount, description, key);
            result = gateways.call(s.gateway(), "charge", g -> ((RecurringCharges) g).charge(request));
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: charge {} has no known outcome: {}", s.id(), key, e.getMessage());
            return new Result(Outcome.UNKNOWN, null, null);
        }
        return switch (result.outcome()) {
            case SUCCEEDED -> {
                orders.chargeSucceeded(s.gateway(), orderId, result.providerReference(), result.amount());
                yield new Result(Outcome.PAID, result.providerReference(), null);
            }
            case DECLINED -> new Result(Outcome.DECLINED, result.providerReference(), result.declineReason());
            default -> {
                LOG.info("subscription {}: charge {} is pending at {}", s.id(), key, s.gateway());
                yield new Result(Outcome.PENDING, result.providerReference(), null);
            }
        };
    }
}
