package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.Outcome;
import com.paypal.sdk.models.AmountBreakdown;
import com.paypal.sdk.models.AmountWithBreakdown;
import com.paypal.sdk.models.CaptureStatus;
import com.paypal.sdk.models.CheckoutPaymentIntent;
import com.paypal.sdk.models.ItemCategory;
import com.paypal.sdk.models.ItemRequest;
import com.paypal.sdk.models.LinkDescription;
import com.paypal.sdk.models.Order;
import com.paypal.sdk.models.OrderRequest;
import com.paypal.sdk.models.OrdersCapture;
import com.paypal.sdk.models.PaymentSource;
import com.paypal.sdk.models.PaypalExperienceUserAction;
import com.paypal.sdk.models.PaypalWallet;
import com.paypal.sdk.models.PaypalWalletContextShippingPreference;
import com.paypal.sdk.models.PaypalWalletExperienceContext;
import com.paypal.sdk.models.PurchaseUnit;
import com.paypal.sdk.models.PurchaseUnitRequest;
import com.paypal.sdk.models.Refund;
import com.paypal.sdk.models.RefundStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Orders v2 in the engine's terms: the create-order body, the approval link, and what an order's state means. */
final class Orders {

    /** PayPal's limit on item names (Orders v2 {@code item.name}). */
    static final int MAX_ITEM_NAME = 127;

    private Orders() {
    }

    /**
     * One purchase unit with the engine's frozen total and {@code custom_id} = the engine's order
     * id (echoed back in captures and webhooks). Items and {@code item_total} are sent when the
     * lines add up to the total, with a {@code discount} when they add up to more (a voucher);
     * PayPal refuses a breakdown that does not add up, so in any other case only the total goes.
     */
    static OrderRequest request(CheckoutRequest checkout, String returnUrl) {
        Money total = checkout.amount();
        AmountWithBreakdown.Builder amount = new AmountWithBreakdown.Builder(total.currency(), Amounts.value(total));
        List<ItemRequest> items = null;
        Money lineSum = checkout.lines().stream().filter(l -> l.unit().currency().equals(total.currency()))
                .map(l -> l.unit().times(l.quantity())).reduce(Money.zero(total.currency()), Money::plus);
        boolean linesUsable = !checkout.lines().isEmpty()
                && checkout.lines().stream().allMatch(l -> l.unit().currency().equals(total.currency()) && !l.unit().isNegative())
                && lineSum.compareTo(total) >= 0;
        if (linesUsable) {
            items = checkout.lines().stream().map(Orders::item).toList();
            AmountBreakdown.Builder breakdown = new AmountBreakdown.Builder().itemTotal(money(lineSum));
            if (lineSum.compareTo(total) > 0) {
                breakdown.discount(money(lineSum.minus(total)));
            }
            amount.breakdown(breakdown.build());
        }
        PurchaseUnitRequest unit = new PurchaseUnitRequest.Builder(amount.build())
                .referenceId("default")
                .customId(checkout.orderId())
                .invoiceId(checkout.orderId())
                .items(items)
                .build();
        PaypalWalletExperienceContext experience = new PaypalWalletExperienceContext.Builder()
                .returnUrl(returnUrl)
                .cancelUrl(checkout.cancelUrl().toString())
                .userAction(PaypalExperienceUserAction.PAY_NOW)
                .shippingPreference(PaypalWalletContextShippingPreference.NO_SHIPPING)
                .build();
        return new OrderRequest.Builder(CheckoutPaymentIntent.CAPTURE, List.of(unit))
                .paymentSource(new PaymentSource.Builder().paypal(new PaypalWallet.Builder().experienceContext(experience).build()).build())
                .build();
    }

    private static ItemRequest item(CheckoutLine line) {
        String name = line.name().length() > MAX_ITEM_NAME ? line.name().substring(0, MAX_ITEM_NAME - 1) + "…" : line.name();
        return new ItemRequest.Builder(name, money(line.unit()), Integer.toString(line.quantity()))
                .category(ItemCategory.DIGITAL_GOODS).build();
    }

    static com.paypal.sdk.models.Money money(Money money) {
        return new com.paypal.sdk.models.Money(money.currency(), Amounts.value(money));
    }

    static Money money(com.paypal.sdk.models.Money money) {
        return Amounts.parse(money.getCurrencyCode(), money.getValue());
    }

    /** Where the buyer approves: {@code payer-action} (payment_source flow) or {@code approve} (older flow). */
    static Optional<URI> approveLink(Order order) {
        List<LinkDescription> links = order.getLinks() == null ? List.of() : order.getLinks();
        for (String rel : List.of("payer-action", "approve")) {
            for (LinkDescription link : links) {
                if (rel.equals(link.getRel()) && link.getHref() != null) {
                    return Optional.of(URI.create(link.getHref()));
                }
            }
        }
        return Optional.empty();
    }

    static Optional<PurchaseUnit> unit(Order order) {
        return order.getPurchaseUnits() == null || order.getPurchaseUnits().isEmpty()
                ? Optional.empty() : Optional.of(order.getPurchaseUnits().get(0));
    }

    /** The order's (first) capture, if it has one. */
    static Optional<OrdersCapture> capture(Order order) {
        return unit(order).map(PurchaseUnit::getPayments).map(p -> p.getCaptures() == null || p.getCaptures().isEmpty()
                ? null : p.getCaptures().get(0));
    }

    /**
     * What the order means for the payment. Not yet captured (created, approved, waiting for the
     * payer) is PENDING; voided is DECLINED; completed follows its capture: COMPLETED (or since
     * refunded) SUCCEEDED, PENDING PENDING, DECLINED/FAILED DECLINED. Anything else is UNDEFINED.
     */
    static Outcome outcome(Order order) {
        if (order.getStatus() == null) {
            return Outcome.UNDEFINED;
        }
        return switch (order.getStatus()) {
            case CREATED, SAVED, APPROVED, PAYER_ACTION_REQUIRED -> Outcome.PENDING;
            case VOIDED -> Outcome.DECLINED;
            case COMPLETED -> capture(order).map(c -> outcome(c.getStatus())).orElse(Outcome.UNDEFINED);
            default -> Outcome.UNDEFINED;
        };
    }

    static Outcome outcome(CaptureStatus status) {
        if (status == null) {
            return Outcome.UNDEFINED;
        }
        return switch (status) {
            case COMPLETED, PARTIALLY_REFUNDED, REFUNDED -> Outcome.SUCCEEDED;
            case PENDING -> Outcome.PENDING;
            case DECLINED, FAILED -> Outcome.DECLINED;
            default -> Outcome.UNDEFINED;
        };
    }

    static Outcome outcome(RefundStatus status) {
        if (status == null) {
            return Outcome.UNDEFINED;
        }
        return switch (status) {
            case COMPLETED -> Outcome.SUCCEEDED;
            case PENDING -> Outcome.PENDING;
            case FAILED, CANCELLED -> Outcome.DECLINED;
            default -> Outcome.UNDEFINED;
        };
    }

    /** The sum of the order's completed refunds, in {@code currency}. */
    static Money refunded(Order order, String currency) {
        List<Refund> refunds = unit(order).map(PurchaseUnit::getPayments).map(p -> p.getRefunds()).orElse(null);
        Money sum = Money.zero(currency);
        if (refunds != null) {
            for (Refund refund : refunds) {
                if (refund.getStatus() == RefundStatus.COMPLETED && refund.getAmount() != null) {
                    sum = sum.plus(money(refund.getAmount()));
                }
            }
        }
        return sum;
    }
}
