package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.AffiliateCheckoutTest.affiliateId;
import static com.mintreu.engine.checkout.AffiliateCheckoutTest.join;
import static com.mintreu.engine.checkout.AffiliateCheckoutTest.payWithCookie;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.payout.Payout;
import com.mintreu.engine.payout.PayoutService;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The affiliate's dashboard {@code /account/affiliate} and its JSON: earnings pending, available and
 * paid per currency, the payouts with the entries behind each, the chart over a date range (a wrong
 * range is a 422 on the form), and the referred orders.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class AffiliateDashboardTest {

    @EngineTest
    void theAffiliateSeesEarningsPayoutsAndTheirFiguresOverTime(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 15000, "download");
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        String affiliateId = affiliateId(e, affiliate.id());
        TestClient customer = TestUsers.signIn(e, "customer").client();
        customer.get("/r/" + code);
        TestUsers.signIn(e, "customer").client().get("/r/" + code); // a second click that buys nothing
        LocalDate day = LocalDate.ofInstant(e.clock().instant(), ZoneOffset.UTC);
        String orderId = payWithCookie(e, customer, plan);

        // 150.00 paid, 10 %: 15.00 commission, pending in the refund window
        JsonNode summary = affiliate.client().get("/api/v1/affiliate").json();
        assertThat(summary.get("clicks").asLong()).isEqualTo(2);
        assertThat(summary.get("conversions").asLong()).isEqualTo(1);
        assertThat(summary.get("conversionRate").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(summary.get("links").get("shop").asText()).endsWith("/r/" + code);
        JsonNode eur = summary.get("earnings").get(0);
        assertThat(eur.get("pending").get("minor").asLong()).isEqualTo(1500);
        assertThat(eur.get("available").get("minor").asLong()).isZero();
        assertThat(eur.get("paid").get("minor").asLong()).isZero();
        JsonNode conversions = affiliate.client().get("/api/v1/affiliate/conversions").json().get("data");
        assertThat(conversions).hasSize(1);
        assertThat(conversions.get(0).get("orderId").asText()).isEqualTo(orderId);
        assertThat(conversions.get(0).get("commission").get(0).get("minor").asLong()).isEqualTo(1500);
        assertThat(conversions.get(0).toString()).doesNotContain("@").doesNotContain("customer");

        // the hold passes, the run pays it, the admin marks it paid
        e.clock().advance(Duration.ofDays(15));
        PayoutService payouts = e.engine().component().payoutService();
        payouts.run(AuditLog.Actor.SYSTEM); // or the background scheduler's run of the due job: one of them pays
        Payout payout = payouts.ofAccount(Accounts.affiliate(affiliateId), com.mintreu.engine.web.PageRequest.first(5)).getFirst();
        payouts.markPaid(payout.id(), "SEPA-AFF-1", AuditLog.Actor.SYSTEM);
        stillSignedIn(e, affiliate.id());

        Response shown = affiliate.client().get("/account/affiliate?from=" + day + "&to=" + day.plusDays(15));
        assertThat(A11y.check(shown.body())).isEmpty();
        Document page = shown.html();
        Element row = page.selectFirst("table.affiliate-earnings tr[data-currency=EUR]");
        assertThat(row.selectFirst(".pending").text()).isEqualTo("0.00 EUR");
        assertThat(row.selectFirst(".available").text()).isEqualTo("0.00 EUR");
        assertThat(row.selectFirst(".paid").text()).isEqualTo("15.00 EUR");
        assertThat(page.select("h3.affiliate-payout").text()).isEqualTo("15.00 EUR · paid");
        assertThat(page.select("table.affiliate-payout-entries tbody tr").text()).contains("commission", orderId, "15.00 EUR");
        String setup = page.select("a#payout-setup-link").attr("href");
        assertThat(setup).as("where the earnings go, from the dashboard").isEqualTo("/account/payouts/setup");
        assertThat(affiliate.client().get(setup).status()).isEqualTo(200);
        assertThat(page.select("figure.chart svg")).as("clicks, conversions, commission in EUR").hasSize(3);
        Element first = page.select("table.affiliate-series tbody tr").first();
        assertThat(first.text()).isEqualTo(day + " 2 1 15.00 EUR");
        assertThat(page.select("table.affiliate-series tbody tr")).hasSize(16);
        assertThat(affiliate.client().get("/api/v1/affiliate").json().get("earnings").get(0).get("paid").get("minor").asLong()).isEqualTo(1500);
        JsonNode listed = affiliate.client().get("/api/v1/affiliate/payouts").json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("reference").asText()).isEqualTo("SEPA-AFF-1");

        Response wrong = affiliate.client().get("/account/affiliate?from=2026-13-01&per=week");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(A11y.check(wrong.body())).isEmpty();
        assertThat(wrong.html().select(".notice.error li").eachText()).anyMatch(m -> m.startsWith("From:")).anyMatch(m -> m.startsWith("Per:"));
        assertThat(wrong.html().select("#range-from").attr("value")).isEqualTo("2026-13-01");
        assertThat(wrong.html().select("table.affiliate-series")).isEmpty();

        // nobody else sees them
        TestClient stranger = TestUsers.signIn(e, "customer").client();
        assertThat(stranger.get("/account/affiliate").status()).isEqualTo(200);
        assertThat(stranger.get("/api/v1/affiliate").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/affiliate/payouts").status()).isEqualTo(404);
        assertThat(stranger.get("/account/affiliate").html().select(".affiliate-earnings")).isEmpty();
    }

    /** Test sessions last an hour of the clock: the affiliate comes back after the hold, still signed in. */
    static void stillSignedIn(TestEngine e, String userId) {
        long now = e.clock().millis();
        e.jdbi().useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :now, expires_at = :until WHERE user_id = :u")
                .bind("now", now).bind("until", now + 3_600_000).bind("u", userId).execute());
    }
}
