package com.mintreu.engine.checkout;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.RecurringCharges;
import com.mintreu.api.payment.SetupRequest;
import com.mintreu.api.payment.SubscriptionRequest;
import com.mintreu.engine.affiliate.Affiliates;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.order.GatewayFailure;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderError;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.subscription.ProviderSubscriptions;
import com.mintreu.engine.subscription.SubscriptionError;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a customer's cart into an order: prices from the catalog only (anything a client sends
 * about prices is never read), the voucher redeemed race-safely in the order's transaction, totals
 * frozen, then the gateway's hosted checkout started after commit.
 */
@Singleton
public final class CheckoutService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

    /** The order and where the customer pays it (null for a free order, already paid). */
    public record Placed(Order order, String paymentUrl, boolean replayed) {}

    private final CartService carts;
    private final CartStore cartStore;
    private final VoucherStore vouchers;
    private final OrderService orders;
    private final Gateways gateways;
    private final OrdersConfig config;
    private final ServerConfig server;
    private final Clock clock;
    private final KillSwitches switches;
    private final ProviderSubscriptions providerSubscriptions;
    private final Affiliates affiliates;

    @Inject
    CheckoutService(CartService carts, CartStore cartStore, VoucherStore vouchers, OrderService orders, Gateways gateways,
            OrdersConfig config, ServerConfig server, Clock clock, KillSwitches switches, ProviderSubscriptions providerSubscriptions,
            Affiliates affiliates) {
        this.affiliates = affiliates;
        this.providerSubscriptions = providerSubscriptions;
        this.switches = switches;
        this.carts = carts;
        this.cartStore = cartStore;
        this.vouchers = vouchers;
        this.orders = orders;
        this.gateways = gateways;
        this.config = config;
        this.server = server;
        this.clock = clock;
    }

    public Placed checkout(Principal customer, String voucherCode, String gatewayId, String idempotencyKey) {
        return checkout(customer, voucherCode, gatewayId, idempotencyKey, null);
    }

    /** Checkout with the click id of the buyer's referral cookie (or null): the order is attributed to its affiliate when the rules allow. */
    public Placed checkout(Principal customer, String voucherCode, String gatewayId, String idempotencyKey, String referral) {
        switches.require(KillSwitch.PAYMENTS);
        String owner = CartService.userOwner(customer.userId());
        List<CartStore.Item> items = cartStore.jdbi().withHandle(h -> cartStore.items(h, owner));
        // the request's own parameters: a replay after the cart was emptied by the first try is still the same request
        String requestHash = Tokens.sha256(normalize(voucherCode) + "|" + (gatewayId == null ? "" : gatewayId));
        if (idempotencyKey != null) {
            Optional<Placed> earlier = replay(customer, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        if (items.isEmpty()) {
            throw new ApiException(OrderError.CART_EMPTY, "add something to the cart first");
        }
        List<CartService.Purchasable> bought = new ArrayList<>();
        List<Pricing.Item> priced = new ArrayList<>();
        for (CartStore.Item item : items) {
            CartService.Purchasable p = carts.purchasable(item.planId()).orElseThrow(() -> new ApiException(OrderError.NOT_PURCHASABLE,
                    "an item in the cart is no longer for sale; remove it and try again"));
            bought.add(p);
            priced.add(new Pricing.Item(p.product().id(), firstCharge(p.plan()), item.quantity(), p.product().sellerId()));
        }
        String currency = priced.getFirst().unit().currency();
        if (priced.stream().anyMatch(i -> !i.unit().currency().equals(currency))) {
            throw new ApiException(OrderError.MIXED_CURRENCIES, "the cart mixes currencies; buy them in separate orders");
        }
        Voucher voucher = voucher(voucherCode, currency, priced);
        Pricing.Result price = Pricing.price(priced, voucher, config.platformFeeBasisPoints());
        boolean cardUpFront = bought.stream().anyMatch(p -> cardUpFront(p.plan()));
        boolean recurring = bought.stream().anyMatch(p -> p.plan().recurring());
        // a free trial the buyer asked to take at a provider that renews it: subscribed there, paid by nothing
        boolean trialAtProvider = price.total().isZero() && recurring && gatewayId != null && !gatewayId.isBlank()
                && providerSubscriptions.managedBy(gatewayId);
        String gateway = price.total().isZero() && !cardUpFront && !trialAtProvider ? null : gateway(gatewayId);
        // a recurring plan paid where the provider renews it: the provider's subscription page, which sells one plan at its own price
        boolean providerManaged = gateway != null && recurring && providerSubscriptions.managedBy(gateway);
        if (providerManaged && (bought.size() != 1 || voucher != null)) {
            throw new ApiException(SubscriptionError.PROVIDER_SUBSCRIPTION_ALONE, "a subscription paid with " + gateways.displayName(gateway)
                    + " is bought on its own" + (voucher != null ? " and without a voucher" : "")
                    + ": remove the other items" + (voucher != null ? " and the voucher" : "") + ", or pay with another payment method");
        }
        if (cardUpFront && !providerManaged) { // a provider that renews the trial collects the card on its own page
            requireSetup(bought.size(), price.total(), gateway);
        }

        String orderId = Ids.next("ord");
        long now = clock.millis();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < bought.size(); i++) {
            CartService.Purchasable p = bought.get(i);
            Pricing.Line l = price.lines().get(i);
            lines.add(new OrderLine(Ids.next("oln"), i, p.product().id(), p.plan().id(), p.product().sellerId(), p.product().typeId(),
                    p.product().title(), p.plan().name(), l.item().quantity(), l.item().unit(), l.discount(), l.total(), l.platformFee(),
                    l.sellerShare()));
        }
        Order order = new Order(orderId, customer.userId(), OrderStatus.PENDING, price.subtotal(), price.discount(), price.total(),
                voucher == null ? null : voucher.id(), gateway, null, null, null, now, null, null, lines);
        try {
            cartStore.jdbi().useTransaction(h -> {
                if (voucher != null) {
                    if (!vouchers.takeUse(h, voucher.id(), now)) {
                        throw new ApiException(OrderError.VOUCHER_EXHAUSTED, "voucher " + voucher.code() + " has been used up or has expired");
                    }
                    if (voucher.perCustomerLimit() != null && vouchers.redemptionsBy(h, voucher.id(), customer.userId()) >= voucher.perCustomerLimit()) {
                        throw new ApiException(OrderError.VOUCHER_EXHAUSTED, "you have already used voucher " + voucher.code());
                    }
                }
                orders.place(order, idempotencyKey, requestHash);
                if (referral != null) {
                    affiliates.attribute(h, order, referral);
                }
                if (providerManaged) {
                    providerSubscriptions.allocate(gateway, orderId, lines.getFirst().id());
                }
                if (voucher != null) {
                    vouchers.recordRedemption(h, voucher.id(), customer.userId(), orderId, now);
                }
                cartStore.clear(h, owner);
            });
        } catch (UnableToExecuteStatementException e) {
            // two requests with one Idempotency-Key raced: the unique key let one in; answer with it
            if (idempotencyKey != null) {
                Optional<Placed> earlier = replay(customer, idempotencyKey, requestHash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw e;
        }
        Order placed = orders.find(orderId).orElseThrow();
        // a free order is paid already; a free trial at a provider still waits for the buyer to subscribe there
        return new Placed(placed, placed.status() == OrderStatus.PENDING ? startPayment(placed, customer) : null, false);
    }

    /**
     * "Pay now" for a pending order of the caller: with {@code gatewayId} (when not blank and not
     * the order's) the order moves to that gateway first, allowed only while no payment session
     * exists. Returns the URL to send the customer to.
     */
    public String pay(Principal customer, String orderId, String gatewayId) {
        Order order = orders.visibleTo(customer, orderId);
        if (!order.customerId().equals(customer.userId())) {
            throw ApiException.notFound("order " + orderId); // an admin sees the order but does not pay for the customer
        }
        if (order.status() != OrderStatus.PENDING) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "a " + order.status().id() + " order takes no payment");
        }
        if (gatewayId != null && !gatewayId.isBlank() && !gatewayId.equals(order.gateway())) {
            gateways.require(gatewayId);
            if (order.total().isZero() && !gateways.savesMethodsWithoutPayment(gatewayId)) {
                throw new ApiException(OrderError.PAYMENT_METHOD_REQUIRED, "this free trial needs a card saved up front, which " + gatewayId
                        + " cannot do; choose a payment method that can");
            }
            if (!orders.switchGateway(orderId, gatewayId)) {
                throw new ApiException(OrderError.PAYMENT_ALREADY_STARTED, "payment for order " + orderId + " already started with "
                        + order.gateway() + "; pay there, or cancel the order and order again");
            }
            order = orders.find(orderId).orElseThrow();
        }
        return startPayment(order, customer);
    }

    /** Starts (or restarts) the gateway's hosted checkout for a pending order; returns the URL to send the customer to. */
    String startPayment(Order order, Principal customer) {
        switches.require(KillSwitch.PAYMENTS);
        if (order.status() != OrderStatus.PENDING) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "a " + order.status().id() + " order takes no payment");
        }
        URI base = server.publicUrl();
        List<CheckoutLine> lines = order.lines().stream().map(CheckoutService::checkoutLine).toList();
        URI returnUrl = base.resolve("/account/orders/" + order.id() + "?notice=returned");
        URI cancelUrl = base.resolve("/account/orders/" + order.id() + "?notice=canceled");
        Optional<SubscriptionRequest> subscribe = providerSubscriptions.request(order, customer.email(), returnUrl, cancelUrl);
        if (subscribe.isEmpty() && order.total().isZero() && !gateways.savesMethodsWithoutPayment(order.gateway())) {
            throw new ApiException(OrderError.PAYMENT_METHOD_REQUIRED, "order " + order.id() + " is a free trial that needs a card saved up front, which "
                    + order.gateway() + " cannot do; choose a payment method that can");
        }
        CheckoutSession session;
        try {
            if (subscribe.isPresent()) {
                session = gateways.call(order.gateway(), "createSubscription", g -> g.createSubscription(subscribe.get()));
            } else if (order.total().isZero()) {
                // a pending order with nothing to pay is a trial that saves a card first (it was placed so)
                SetupRequest setup = new SetupRequest(order.id(), order.total().currency(), lines, customer.email(), returnUrl, cancelUrl,
                        order.id());
                session = gateways.call(order.gateway(), "createSetup", g -> ((RecurringCharges) g).createSetup(setup));
            } else {
                CheckoutRequest request = new CheckoutRequest(order.id(), order.total(), lines, customer.email(), returnUrl, cancelUrl,
                        order.id());
                session = gateways.call(order.gateway(), "createCheckout", g -> g.createCheckout(request));
            }
        } catch (PluginCallException e) {
            OrderError kind = GatewayFailure.of(e);
            if (kind == OrderError.GATEWAY_CONFIGURATION) {
                LOG.error("gateway {} refused to start checkout for {}; check its configuration: {}", order.gateway(), order.id(), e.getMessage());
            } else {
                LOG.warn("gateway {} could not start checkout for {}: {}", order.gateway(), order.id(), e.getMessage());
            }
            throw new PaymentNotStartedException(kind, order.id(), switch (kind) {
                case GATEWAY_TIMEOUT -> "the payment provider did not answer in time; your order " + order.id()
                        + " is saved and nothing was charged: pay it again in a moment from your orders";
                case GATEWAY_CONFIGURATION -> "this payment method is not working because of the shop's settings; your order "
                        + order.id() + " is saved: pay it with another payment method from your orders, or later";
                default -> "the payment provider cannot be reached; your order " + order.id()
                        + " is saved: pay it again in a few minutes from your orders, or with another payment method";
            });
        }
        String url = session.redirectUrl() == null ? null : session.redirectUrl().toString();
        if (!orders.checkoutStarted(order.id(), order.gateway(), session.providerReference(), url)) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "order " + order.id() + " is no longer pending; it takes no payment");
        }
        return url;
    }

    /** A free trial whose plan asks for a payment method before it starts. */
    private static boolean cardUpFront(com.mintreu.engine.catalog.Plan plan) {
        return plan.recurring() && plan.recurrence().trialDays() > 0 && plan.recurrence().trialRequiresPaymentMethod();
    }

    /**
     * A trial that needs a card up front is bought alone (its order pays nothing and only saves the
     * card), through a gateway that can save a card without a payment.
     */
    private void requireSetup(int items, Money total, String gateway) {
        if (items > 1 || !total.isZero()) {
            throw new ApiException(OrderError.PAYMENT_METHOD_REQUIRED,
                    "a free trial that needs a saved card is bought on its own: remove the other items from the cart and order them separately");
        }
        if (!gateways.savesMethodsWithoutPayment(gateway)) {
            List<String> able = gateways.ids().stream().filter(gateways::savesMethodsWithoutPayment).toList();
            throw new ApiException(OrderError.PAYMENT_METHOD_REQUIRED, "this free trial needs a card saved up front, which "
                    + gateway + " cannot do" + (able.isEmpty() ? "; no running payment method can" : "; choose " + String.join(" or ", able)));
        }
    }

    /** What checkout charges for a plan: its price, or nothing for a recurring plan's free trial (renewals charge later). */
    private static Money firstCharge(com.mintreu.engine.catalog.Plan plan) {
        return plan.recurring() && plan.recurrence().trialDays() > 0 ? Money.zero(plan.price().currency()) : plan.price();
    }

    /** A line for the provider's page; a discount that does not divide evenly is shown on a single line of quantity 1. */
    private static CheckoutLine checkoutLine(OrderLine l) {
        String name = l.title() + " – " + l.planName();
        if (l.total().minor() % l.quantity() == 0) {
            return new CheckoutLine(name, l.quantity(), Money.of(l.total().minor() / l.quantity(), l.total().currency()));
        }
        return new CheckoutLine(l.quantity() + " × " + name, 1, l.total());
    }

    private Optional<Placed> replay(Principal customer, String key, String requestHash) {
        return orders.byIdempotencyKey(customer.userId(), key).map(earlier -> {
            if (!earlier.getValue().equals(requestHash)) {
                throw new ApiException(OrderError.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key " + key + " was used for a different checkout");
            }
            Order order = orders.find(earlier.getKey()).orElseThrow();
            return new Placed(order, order.checkoutUrl(), true);
        });
    }

    private Voucher voucher(String code, String currency, List<Pricing.Item> items) {
        String normalized = normalize(code);
        if (normalized.isEmpty()) {
            return null;
        }
        Voucher v = vouchers.byCode(normalized).orElseThrow(() -> new ApiException(OrderError.VOUCHER_INVALID, "no voucher " + normalized));
        if (v.disabledAt() != null) {
            throw new ApiException(OrderError.VOUCHER_INVALID, "voucher " + normalized + " is no longer valid");
        }
        if (v.expiresAt() != null && v.expiresAt() <= clock.millis()) {
            throw new ApiException(OrderError.VOUCHER_INVALID, "voucher " + normalized + " has expired");
        }
        if (v.amount() != null && !v.amount().currency().equals(currency)) {
            throw new ApiException(OrderError.VOUCHER_INVALID, "voucher " + normalized + " is for " + v.amount().currency() + " orders");
        }
        if (items.stream().noneMatch(i -> v.appliesTo(i.productId(), i.sellerId()))) {
            throw new ApiException(OrderError.VOUCHER_INVALID, "voucher " + normalized + " does not apply to anything in the cart");
        }
        return v;
    }

    private String gateway(String requested) {
        if (requested != null && !requested.isBlank()) {
            gateways.require(requested);
            return requested;
        }
        Optional<String> fallback = gateways.defaultId();
        if (fallback.isPresent()) {
            return fallback.get();
        }
        List<String> running = gateways.ids();
        throw new ApiException(OrderError.UNKNOWN_GATEWAY, running.isEmpty() ? "no payment gateway is running; an admin must enable one"
                : "choose how to pay: " + String.join(", ", gateways.running().stream().map(Gateways.Info::displayName).toList()));
    }

    static String normalize(String code) {
        return code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    }
}
