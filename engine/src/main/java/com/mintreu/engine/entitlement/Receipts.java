package com.mintreu.engine.entitlement;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The receipt mail of a fulfilled order: written to the outbox in the transaction that marks the
 * order fulfilled, and again on the customer's request (lightly rate-limited per order).
 */
@Singleton
final class Receipts {

    /** One resend per order per this long, per node; enough to stop a stuck button or a loop. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(2);
    private static final int MAX_TRACKED = 10_000;

    private final Outbox outbox;
    private final OrderService orders;
    private final PrincipalResolver users;
    private final Jdbi jdbi;
    private final Clock clock;
    private final String baseUrl;
    private final Map<String, Long> lastResend = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    @Inject
    Receipts(Outbox outbox, OrderService orders, PrincipalResolver users, Jdbi jdbi, Clock clock, ServerConfig server) {
        this.outbox = outbox;
        this.orders = orders;
        this.users = users;
        this.jdbi = jdbi;
        this.clock = clock;
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Writes the receipt of {@code order} to the outbox in {@code h}'s transaction. */
    void write(Handle h, Order order) {
        String to = users.byUserId(order.customerId()).map(Principal::email)
                .orElseThrow(() -> new IllegalStateException("customer " + order.customerId() + " of " + order.id() + " not found"));
        outbox.mail(h, to, "Your receipt for order " + order.id(), text(order));
    }

    /** The customer (or an admin) asks for the receipt again. */
    void resend(Principal caller, String orderId) {
        Order order = orders.visibleTo(caller, orderId);
        if (order.status() != OrderStatus.FULFILLED) {
            throw new ApiException(EntitlementError.NOTHING_TO_RECEIPT, "order " + orderId + " is " + order.status().id());
        }
        long now = clock.millis();
        synchronized (lastResend) {
            Long last = lastResend.get(orderId);
            if (last != null && now - last < RESEND_INTERVAL.toMillis()) {
                throw ApiException.rateLimited(Math.max(1, (RESEND_INTERVAL.toMillis() - (now - last) + 999) / 1000));
            }
            lastResend.put(orderId, now);
        }
        jdbi.useTransaction(h -> write(h, order));
    }

    String text(Order order) {
        StringBuilder s = new StringBuilder("Thank you for your order ").append(order.id()).append(".\n\n");
        for (OrderLine l : order.lines()) {
            s.append("  ").append(l.quantity()).append(" x ").append(l.title()).append(" (").append(l.planName()).append(")  ")
                    .append(MoneyText.format(l.total())).append('\n');
        }
        s.append("\nSubtotal: ").append(MoneyText.format(order.subtotal())).append('\n');
        if (order.discount().minor() > 0) {
            s.append("Discount: -").append(MoneyText.format(order.discount())).append('\n');
        }
        s.append("Total:    ").append(MoneyText.format(order.total())).append("\n\n");
        s.append("Your downloads and license keys: ").append(baseUrl).append("/account/orders/").append(order.id()).append('\n');
        return s.toString();
    }

}
