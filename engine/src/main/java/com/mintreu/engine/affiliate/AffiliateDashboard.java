package com.mintreu.engine.affiliate;

import com.mintreu.api.money.Money;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.ledger.AccountEntry;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Balance;
import com.mintreu.engine.ledger.DashboardRange;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.SellerDashboard;
import com.mintreu.engine.payout.PayoutService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * An affiliate's figures, for the page and the API alike: links, clicks, conversions (attributed
 * orders that were paid), earnings per currency (pending in the refund window, available, paid out
 * by payouts marked paid; all from the ledger and the payouts) and the same over a date range.
 */
@Singleton
final class AffiliateDashboard {

    /** Earnings in one currency. */
    record Earnings(String currency, Money pending, Money available, Money paid) {}

    /** The affiliate's links: the shop's and the pattern of a product's. */
    record Links(String shop, String product) {}

    /** The summary the page heads with and {@code GET /api/v1/affiliate} answers. */
    record Summary(String id, String code, String status, Links links, long clicks, long conversions, BigDecimal conversionRate,
            List<Earnings> earnings) {}

    /** One period: clicks, paid conversions and commission booked per currency (refunds taken back included). */
    record Point(String period, long clicks, long conversions, Map<String, Money> commission) {}

    /** The figures over a range. */
    record Series(String from, String to, String per, List<String> currencies, List<Point> points) {}

    private final AffiliateStore store;
    private final Ledger ledger;
    private final PayoutService payouts;
    private final SellerDashboard entries;
    private final ServerConfig server;

    @Inject
    AffiliateDashboard(AffiliateStore store, Ledger ledger, PayoutService payouts, SellerDashboard entries, ServerConfig server) {
        this.store = store;
        this.ledger = ledger;
        this.payouts = payouts;
        this.entries = entries;
        this.server = server;
    }

    Summary summary(Affiliate a) {
        AffiliateStore.Stats stats = store.stats(a.id());
        String base = server.publicUrl() == null ? "" : server.publicUrl().toString().replaceAll("/+$", "");
        String link = base + "/r/" + a.code();
        // a percent with one decimal, exact: 3 of 8 = 37.5
        BigDecimal rate = stats.clicks() == 0 ? null
                : BigDecimal.valueOf(stats.conversions() * 100).divide(BigDecimal.valueOf(stats.clicks()), 1, RoundingMode.DOWN);
        return new Summary(a.id(), a.code(), a.status(), new Links(link, link + "/{productSlug}"), stats.clicks(), stats.conversions(), rate,
                earnings(a));
    }

    List<Earnings> earnings(Affiliate a) {
        String account = Accounts.affiliate(a.id());
        Map<String, Balance> balances = ledger.balances(account);
        Map<String, Money> paid = payouts.paid(account);
        TreeSet<String> currencies = new TreeSet<>(balances.keySet());
        currencies.addAll(paid.keySet());
        List<Earnings> out = new ArrayList<>();
        for (String c : currencies) {
            Money zero = Money.zero(c);
            Balance b = balances.getOrDefault(c, new Balance(zero, zero));
            out.add(new Earnings(c, b.pending(), b.available(), paid.getOrDefault(c, zero)));
        }
        return out;
    }

    Series series(Affiliate a, DashboardRange range) {
        Map<LocalDate, long[]> counts = new TreeMap<>();
        Map<LocalDate, Map<String, Money>> money = new TreeMap<>();
        range.periods().forEach(p -> {
            counts.put(p, new long[2]);
            money.put(p, new TreeMap<>());
        });
        for (long at : store.clickTimes(a.id(), range.startMillis(), range.endMillis())) {
            counts.get(range.periodOf(at))[0]++;
        }
        for (long at : store.conversionTimes(a.id(), range.startMillis(), range.endMillis())) {
            counts.get(range.periodOf(at))[1]++;
        }
        TreeSet<String> currencies = new TreeSet<>();
        for (AccountEntry e : entries.entriesBooked(Accounts.affiliate(a.id()), range)) {
            if (e.kind().startsWith("commission")) { // commission and commission-refund; payouts are not earnings
                currencies.add(e.amount().currency());
                money.get(range.periodOf(e.createdAt())).merge(e.amount().currency(), e.amount(), Money::plus);
            }
        }
        List<Point> points = new ArrayList<>();
        for (LocalDate p : counts.keySet()) {
            Map<String, Money> byCurrency = new LinkedHashMap<>();
            for (String c : currencies) {
                byCurrency.put(c, money.get(p).getOrDefault(c, Money.zero(c)));
            }
            points.add(new Point(range.label(p), counts.get(p)[0], counts.get(p)[1], byCurrency));
        }
        return new Series(range.from().toString(), range.to().toString(), range.per().id(), List.copyOf(currencies), points);
    }
}
