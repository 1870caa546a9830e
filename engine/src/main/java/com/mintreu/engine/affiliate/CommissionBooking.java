package com.mintreu.engine.affiliate;

import com.mintreu.api.affiliate.AffiliateScheme;
import com.mintreu.api.affiliate.AffiliateScheme.CommissionLine;
import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import com.mintreu.engine.config.AffiliatesConfig;
import com.mintreu.engine.config.LedgerConfig;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.FeeSplit;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Books affiliate commissions in the ledger: on {@link OrderPaid}, per referred line, posting
 * {@code affiliate:<line id>} moves the commission from the seller's share to
 * {@code affiliate:<affiliate id>}, held like the seller's share for the refund window. On
 * {@link OrderRefunded} (a refund or a lost dispute) posting {@code affiliate-refund:<refund id>:<line id>}
 * gives back the refunded proportion. Keyed postings: a redelivered event books nothing twice.
 */
@Singleton
final class CommissionBooking implements EventSubscriber {

    private final OrderService orders;
    private final Affiliates affiliates;
    private final Ledger ledger;
    private final LedgerConfig ledgerConfig;
    private final Set<AffiliateScheme> builtIn;
    private final AffiliatesConfig config;
    private final PluginHost host;
    private final AffiliateStore rates;

    @Inject
    CommissionBooking(OrderService orders, Affiliates affiliates, Ledger ledger, LedgerConfig ledgerConfig, AffiliatesConfig config,
            Set<AffiliateScheme> schemes, AffiliateStore rates, PluginHost host) {
        this.rates = rates;
        this.builtIn = schemes;
        this.config = config;
        this.host = host;
        this.orders = orders;
        this.affiliates = affiliates;
        this.ledger = ledger;
        this.ledgerConfig = ledgerConfig;
    }

    @Override
    public String id() {
        return "affiliates";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(OrderPaid.class, OrderRefunded.class);
    }

    @Override
    public void on(DomainEvent event) {
        switch (event) {
            case OrderPaid paid -> referred(paid.orderId()).ifPresent(r -> bookCommissions(r.order(), r.affiliate()));
            case OrderRefunded refunded -> referred(refunded.orderId())
                    .ifPresent(r -> reverseCommissions(r.order(), r.affiliate(), refunded.refundId(), refunded.lines()));
            default -> { }
        }
    }

    private record Referred(Order order, Affiliate affiliate) {}

    private Optional<Referred> referred(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        Optional<Affiliate> a = affiliates.attributionOf(orderId);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        return orders.find(orderId).filter(o -> o.paidAt() != null).map(o -> new Referred(o, a.get()));
    }

    void bookCommissions(Order order, Affiliate affiliate) {
        long availableAt = Math.addExact(order.paidAt(), ledgerConfig.sellerHold().toMillis());
        for (OrderLine l : order.lines()) {
            if (l.total().isZero() || l.sellerId().equals(affiliate.userId())) {
                continue; // nothing paid, or the affiliate's own product: no commission
            }
            CommissionLine line = new CommissionLine(l.productId(), l.sellerId(), l.total(), l.sellerShare(), rates.rate(l.productId()).orElse(null));
            int bp = Math.clamp(rate(line), 0, FeeSplit.ALL);
            Money commission = FeeSplit.shares(l.total(), List.of(bp)).getFirst();
            if (commission.compareTo(l.sellerShare()) > 0) {
                commission = l.sellerShare(); // never more than the seller earns on the line
            }
            if (commission.isZero() || commission.isNegative()) {
                continue;
            }
            ledger.post(new Posting(commissionKey(l), "commission", order.id(), "affiliate commission on " + l.title(), List.of(
                    new LedgerEntry(Accounts.seller(l.sellerId()), commission.times(-1), l.id(), availableAt),
                    new LedgerEntry(Accounts.affiliate(affiliate.id()), commission, l.id(), availableAt))));
        }
    }

    void reverseCommissions(Order order, Affiliate affiliate, String refundId, List<RefundLine> refunded) {
        for (RefundLine r : refunded) {
            Optional<OrderLine> line = order.lines().stream().filter(l -> l.id().equals(r.lineId())).findFirst();
            if (line.isEmpty() || r.amount().isZero()) {
                continue;
            }
            Optional<LedgerEntry> earned = ledger.posting(commissionKey(line.get())).flatMap(p -> p.entries().stream()
                    .filter(e -> e.account().equals(Accounts.affiliate(affiliate.id()))).findFirst());
            if (earned.isEmpty()) {
                continue; // the line earned no commission
            }
            Money commission = earned.get().amount();
            Money total = line.get().total();
            // the same rule as the ledger's own refunds: the refunded amount divided as the line was
            Money back = FeeSplit.allocate(r.amount(), List.of(commission.minor(), total.minor() - commission.minor())).getFirst();
            if (back.isZero()) {
                continue;
            }
            long at = earned.get().availableAt();
            ledger.post(new Posting("affiliate-refund:" + refundId + ":" + line.get().id(), "commission-refund", order.id(),
                    "affiliate commission given back by refund " + refundId, List.of(
                            new LedgerEntry(Accounts.affiliate(affiliate.id()), back.times(-1), line.get().id(), at),
                            new LedgerEntry(Accounts.seller(line.get().sellerId()), back, line.get().id(), at))));
        }
    }

    /**
     * The rate of the configured scheme: a built-in one directly, a plugin's through the plugin
     * host (with its timeout). A scheme that is not running fails the delivery, so the outbox
     * retries it rather than booking nothing.
     */
    private int rate(CommissionLine line) {
        Optional<AffiliateScheme> own = builtIn.stream().filter(s -> s.id().equals(config.scheme())).findFirst();
        if (own.isPresent()) {
            return own.get().commissionBasisPoints(line);
        }
        AffiliateScheme plugin = host.extension(AffiliateScheme.class, config.scheme())
                .orElseThrow(() -> new IllegalStateException("the affiliate scheme '" + config.scheme() + "' is not running"));
        try {
            return host.call(plugin, "commissionBasisPoints", s -> s.commissionBasisPoints(line));
        } catch (PluginCallException e) {
            throw new IllegalStateException("the affiliate scheme '" + config.scheme() + "' did not answer", e);
        }
    }

    static String commissionKey(OrderLine line) {
        return "affiliate:" + line.id();
    }
}
