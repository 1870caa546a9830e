package com.mintreu.engine.affiliate;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.DashboardRange;
import com.mintreu.engine.ledger.DashboardRoutes;
import com.mintreu.engine.payout.PayoutService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.SvgBarChart;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * The affiliate's page {@code /account/affiliate} (join, links, figures, earnings, payouts, a chart
 * over a date range) and the referral links {@code /r/{code}} and {@code /r/{code}/{productSlug}},
 * which log the click, set the referral cookie (the last click wins) and send the visitor on.
 */
final class AffiliatePages implements Routes {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");
    private static final Map<String, String> LABELS = Map.of("from", "From", "to", "To", "per", "Per");
    private static final int PAYOUTS_SHOWN = 50;

    private final Affiliates affiliates;
    private final AffiliateDashboard dashboard;
    private final PayoutService payouts;
    private final Clock clock;

    @Inject
    AffiliatePages(Affiliates affiliates, AffiliateDashboard dashboard, PayoutService payouts, Clock clock) {
        this.affiliates = affiliates;
        this.dashboard = dashboard;
        this.payouts = payouts;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/r/{code}", x -> follow(x, x.pathParam("code"), null));
        router.get("/r/{code}/{slug}", x -> follow(x, x.pathParam("code"), x.pathParam("slug")));
        router.get("/account/affiliate", x -> page(x, x.requireUser()));
        router.post("/account/affiliate/join", x -> {
            x.form();
            affiliates.join(x.requireUser().userId());
            x.redirect("/account/affiliate");
        });
    }

    private void follow(Exchange x, String code, String slug) {
        String product = slug != null && SLUG.matcher(slug).matches() ? slug : null;
        Optional<String> click = affiliates.click(code, product, x.clientIp(), x.header("User-Agent").orElse(""));
        click.ifPresent(id -> x.setCookie(Affiliates.COOKIE, id, affiliates.cookieMaxAgeSeconds()));
        x.redirect(product == null ? "/" : "/products/" + URLEncoder.encode(product, StandardCharsets.UTF_8));
    }

    private void page(Exchange x, Principal user) {
        Map<String, Object> model = new HashMap<>();
        Optional<Affiliate> a = affiliates.ofUser(user.userId());
        model.put("joined", a.isPresent());
        model.put("referralsOff", affiliates.referralsOff());
        if (a.isEmpty()) {
            x.render("account/affiliate", model);
            return;
        }
        AffiliateDashboard.Summary summary = dashboard.summary(a.get());
        model.put("affiliate", a.get());
        model.put("summary", summary);
        model.put("link", summary.links().shop());
        model.put("clicks", summary.clicks());
        model.put("conversions", summary.conversions());
        model.put("conversionRate", summary.conversionRate() == null ? "–" : summary.conversionRate().toPlainString() + " %");
        model.put("earnings", summary.earnings());
        model.put("payouts", payouts.ofAccount(Accounts.affiliate(a.get().id()), PageRequest.first(PAYOUTS_SHOWN)).stream().limit(PAYOUTS_SHOWN)
                .map(p -> Map.<String, Object>of("payout", p, "entries", payouts.entriesOf(p))).toList());
        Map<String, String> typed = new LinkedHashMap<>();
        for (String f : List.of("from", "to", "per")) {
            typed.put(f, x.query(f).orElse(""));
        }
        DashboardRange range;
        try {
            range = DashboardRoutes.range(x, clock);
        } catch (ApiException e) {
            model.putAll(FormErrors.from(e, "range", typed, LABELS, Map.of()).orElseThrow(() -> e).model());
            model.put("form", typed);
            x.render(422, "account/affiliate", model);
            return;
        }
        AffiliateDashboard.Series series = dashboard.series(a.get(), range);
        model.put("form", Map.of("from", series.from(), "to", series.to(), "per", series.per()));
        model.put("series", series);
        model.put("charts", charts(series));
        x.render(200, "account/affiliate", model);
    }

    /** One chart of clicks, one of conversions, one of commission per currency (values in minor units; the table lists them exactly). */
    private static List<Map<String, String>> charts(AffiliateDashboard.Series s) {
        String span = " per " + s.per() + ", " + s.from() + " to " + s.to();
        List<Map<String, String>> out = new ArrayList<>();
        out.add(Map.of("title", "Clicks", "svg", SvgBarChart.render("affiliate-clicks", "Clicks" + span,
                "Bar chart of clicks on your links" + span + " (UTC). The table below lists every value.", "clicks",
                s.points().stream().map(p -> new SvgBarChart.Bar(p.period(), p.clicks())).toList())));
        out.add(Map.of("title", "Conversions", "svg", SvgBarChart.render("affiliate-conversions", "Conversions" + span,
                "Bar chart of paid orders your links brought" + span + " (UTC). The table below lists every value.", "orders",
                s.points().stream().map(p -> new SvgBarChart.Bar(p.period(), p.conversions())).toList())));
        for (String c : s.currencies()) {
            Money total = s.points().stream().map(p -> p.commission().get(c)).reduce(Money.zero(c), Money::plus);
            out.add(Map.of("title", "Commission in " + c, "svg", SvgBarChart.render("affiliate-commission-" + c, "Commission in " + c + span,
                    "Bar chart of commission booked" + span + " (UTC), in minor units of " + c + ", refunds taken back included; in all "
                            + MoneyText.format(total) + ". The table below lists every value.",
                    c + " (minor units)", s.points().stream().map(p -> new SvgBarChart.Bar(p.period(), Math.max(0, p.commission().get(c).minor()))).toList())));
        }
        return out;
    }
}
