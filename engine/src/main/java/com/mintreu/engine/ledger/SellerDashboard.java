package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A seller's figures for a date range, all read from the ledger so they agree with the balance:
 * per currency the sales (what customers paid), refunds (given back, lost disputes and reversals
 * included), revenue (sales less refunds), the platform's fees and the seller's net; the balance
 * (pending and available now); sales over time; top products; customers. Amounts never mix
 * currencies: every figure is per currency. A posting counts in the range when it was booked in it.
 */
@Singleton
public final class SellerDashboard {

    static final int TOP_PRODUCTS = 10;
    static final int CUSTOMERS = 100;

    private final DashboardStore store;
    private final Ledger ledger;
    private final Optional<PayoutOutlook> payouts;

    @Inject
    SellerDashboard(DashboardStore store, Ledger ledger, Optional<PayoutOutlook> payouts) {
        this.store = store;
        this.ledger = ledger;
        this.payouts = payouts;
    }

    /**
     * One posting's effect on one of the seller's order lines: {@code gross} is what the customer
     * paid (negative for money given back), {@code fee} the platform's part, {@code net} the seller's.
     */
    public record SaleRow(long at, String kind, String orderId, String lineId, String productId, String title, int quantity, String customerId,
            String customerEmail, Money gross, Money fee, Money net) {}

    /** Sales, refunds and the seller's net of one period, in one currency. */
    public record Point(String period, Money sales, Money refunds, Money net) {}

    /** Everything in one currency. */
    public record Figures(String currency, Money sales, Money refunds, Money revenue, Money fees, Money net, int orders, Balance balance,
            List<Point> series) {}

    public record TopProduct(String productId, String title, String currency, int units, Money revenue, Money net) {}

    public record Customer(String email, String currency, int orders, Money total) {}

    /**
     * The dashboard. {@code nextPayout} is the next scheduled payout run and what it would pay the
     * seller; null when no payout is scheduled (pages say "no payout scheduled").
     */
    public record View(String from, String to, String per, List<Figures> currencies, List<TopProduct> topProducts, List<Customer> customers,
            NextPayout nextPayout) {}

    /** The seller's sale rows in the range, oldest first: the dashboard's source and the sales CSV. */
    List<SaleRow> sales(String sellerId, DashboardRange range) {
        Map<String, SaleRow> rows = new LinkedHashMap<>();
        String sellerAccount = Accounts.seller(sellerId);
        for (DashboardStore.Movement m : store.movements(sellerId, range.startMillis(), range.endMillis())) {
            String key = m.postingId() + "/" + m.lineId();
            Money zero = Money.zero(m.amount().currency());
            SaleRow r = rows.computeIfAbsent(key, k -> new SaleRow(m.at(), m.kind(), m.orderId(), m.lineId(), m.productId(), m.title(),
                    m.quantity(), m.customerId(), m.customerEmail(), zero, zero, zero));
            Money a = m.amount();
            if (m.account().equals(Accounts.CUSTOMER)) {
                r = with(r, r.gross().minus(a), r.fee(), r.net());
            } else if (m.account().equals(Accounts.PLATFORM_FEES)) {
                r = with(r, r.gross(), r.fee().plus(a), r.net());
            } else if (m.account().equals(sellerAccount)) {
                r = with(r, r.gross(), r.fee(), r.net().plus(a));
            }
            rows.put(key, r);
        }
        return List.copyOf(rows.values());
    }

    /** The seller's own ledger entries booked in the range, oldest first (the ledger CSV). */
    List<AccountEntry> entries(String sellerId, DashboardRange range) {
        return store.entries(Accounts.seller(sellerId), range.startMillis(), range.endMillis());
    }

    /** Any account's entries booked in the range, oldest first (the affiliate dashboard's commissions). */
    public List<AccountEntry> entriesBooked(String account, DashboardRange range) {
        return store.entries(account, range.startMillis(), range.endMillis());
    }

    /** The dashboard of {@code sellerId} for {@code range}. */
    public View view(String sellerId, DashboardRange range) {
        List<SaleRow> rows = sales(sellerId, range);
        Map<String, Balance> balances = ledger.balances(Accounts.seller(sellerId));
        Set<String> currencies = new TreeSet<>(balances.keySet());
        rows.forEach(r -> currencies.add(r.gross().currency()));
        List<Figures> figures = new ArrayList<>();
        for (String c : currencies) {
            List<SaleRow> in = rows.stream().filter(r -> r.gross().currency().equals(c)).toList();
            Money zero = Money.zero(c);
            Money sales = zero;
            Money refunds = zero;
            Money fees = zero;
            Money net = zero;
            Set<String> orders = new LinkedHashSet<>();
            for (SaleRow r : in) {
                if (isSale(r)) {
                    sales = sales.plus(r.gross());
                    orders.add(r.orderId());
                } else {
                    refunds = refunds.minus(r.gross());
                }
                fees = fees.plus(r.fee());
                net = net.plus(r.net());
            }
            figures.add(new Figures(c, sales, refunds, sales.minus(refunds), fees, net, orders.size(),
                    balances.getOrDefault(c, new Balance(zero, zero)), series(in, range, c)));
        }
        NextPayout next = payouts.flatMap(p -> p.next(Accounts.seller(sellerId))).orElse(null);
        return new View(range.from().toString(), range.to().toString(), range.per().id(), figures, topProducts(rows), customers(rows), next);
    }

    private static List<Point> series(List<SaleRow> rows, DashboardRange range, String currency) {
        Money zero = Money.zero(currency);
        Map<LocalDate, Money[]> byPeriod = new TreeMap<>();
        range.periods().forEach(p -> byPeriod.put(p, new Money[] {zero, zero, zero}));
        for (SaleRow r : rows) {
            Money[] v = byPeriod.get(range.periodOf(r.at()));
            if (v == null) {
                continue; // cannot happen: rows are inside the range
            }
            if (isSale(r)) {
                v[0] = v[0].plus(r.gross());
            } else {
                v[1] = v[1].minus(r.gross());
            }
            v[2] = v[2].plus(r.net());
        }
        return byPeriod.entrySet().stream().map(e -> new Point(range.label(e.getKey()), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }

    private static List<TopProduct> topProducts(List<SaleRow> rows) {
        Map<String, TopProduct> by = new LinkedHashMap<>();
        for (SaleRow r : rows) {
            String c = r.gross().currency();
            TopProduct t = by.getOrDefault(r.productId() + " " + c, new TopProduct(r.productId(), r.title(), c, 0, Money.zero(c), Money.zero(c)));
            by.put(r.productId() + " " + c, new TopProduct(t.productId(), t.title(), c, t.units() + (isSale(r) ? r.quantity() : 0),
                    t.revenue().plus(r.gross()), t.net().plus(r.net())));
        }
        return by.values().stream().sorted(Comparator.comparing(TopProduct::currency)
                .thenComparing(Comparator.comparingLong((TopProduct t) -> t.revenue().minor()).reversed())
                .thenComparing(TopProduct::title)).limit(TOP_PRODUCTS).toList();
    }

    private static List<Customer> customers(List<SaleRow> rows) {
        Map<String, Money> totals = new LinkedHashMap<>();
        Map<String, Set<String>> orders = new LinkedHashMap<>();
        Map<String, String> emails = new LinkedHashMap<>();
        for (SaleRow r : rows) {
            String key = r.customerId() + " " + r.gross().currency();
            emails.put(key, r.customerEmail());
            totals.merge(key, r.gross(), Money::plus);
            if (isSale(r)) {
                orders.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(r.orderId());
            }
        }
        return totals.entrySet().stream()
                .map(e -> new Customer(emails.get(e.getKey()), e.getValue().currency(), orders.getOrDefault(e.getKey(), Set.of()).size(), e.getValue()))
                .sorted(Comparator.comparing(Customer::currency).thenComparing(Comparator.comparingLong((Customer c) -> c.total().minor()).reversed())
                        .thenComparing(Customer::email))
                .limit(CUSTOMERS).toList();
    }

    private static boolean isSale(SaleRow r) {
        return r.kind().equals("sale");
    }

    private static SaleRow with(SaleRow r, Money gross, Money fee, Money net) {
        return new SaleRow(r.at(), r.kind(), r.orderId(), r.lineId(), r.productId(), r.title(), r.quantity(), r.customerId(), r.customerEmail(),
                gross, fee, net);
    }
}
