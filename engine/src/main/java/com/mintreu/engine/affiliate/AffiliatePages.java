package com.mintreu.engine.affiliate;

import com.mintreu.api.money.Money;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Balance;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * The affiliate's page {@code /account/affiliate} (join, links, figures) and the referral links
 * {@code /r/{code}} and {@code /r/{code}/{productSlug}}, which log the click, set the referral
 * cookie (the last click wins) and send the visitor on.
 */
final class AffiliatePages implements Routes {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");

    private final Affiliates affiliates;
    private final Ledger ledger;
    private final ServerConfig server;

    @Inject
    AffiliatePages(Affiliates affiliates, Ledger ledger, ServerConfig server) {
        this.affiliates = affiliates;
        this.ledger = ledger;
        this.server = server;
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
        if (a.isPresent()) {
            AffiliateStore.Stats stats = affiliates.stats(a.get());
            String base = server.publicUrl() == null ? "" : server.publicUrl().toString().replaceAll("/+$", "");
            model.put("affiliate", a.get());
            model.put("link", base + "/r/" + a.get().code());
            model.put("clicks", stats.clicks());
            model.put("conversions", stats.conversions());
            // a rate in tenths of a percent, integer arithmetic: 3 of 8 = 37.5 %
            model.put("conversionRate", stats.clicks() == 0 ? "–"
                    : (stats.conversions() * 1000 / stats.clicks()) / 10 + "." + (stats.conversions() * 1000 / stats.clicks()) % 10 + " %");
            List<Map<String, Money>> earnings = new ArrayList<>();
            for (Balance b : ledger.balances(Accounts.affiliate(a.get().id())).values()) {
                earnings.add(Map.of("pending", b.pending(), "available", b.available(), "total", b.total()));
            }
            model.put("earnings", earnings);
        }
        x.render("account/affiliate", model);
    }
}
