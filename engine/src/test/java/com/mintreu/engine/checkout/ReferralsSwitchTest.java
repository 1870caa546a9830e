package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.AffiliateCheckoutTest.affiliateId;
import static com.mintreu.engine.checkout.AffiliateCheckoutTest.attributions;
import static com.mintreu.engine.checkout.AffiliateCheckoutTest.join;
import static com.mintreu.engine.checkout.AffiliateCheckoutTest.payWithCookie;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.List;
import java.util.Map;

/**
 * The REFERRALS kill switch: engaged, links still lead on but set no cookie and log no click, and
 * checkout attributes nothing (even with a cookie from before); commissions booked before stay.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class ReferralsSwitchTest {

    @EngineTest
    void engagedLinksLeadOnWithoutCookieOrClickAndCheckoutAttributesNothing(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 3000, "download");
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        String code = join(affiliate.client());
        String affiliateId = affiliateId(e, affiliate.id());
        TestClient admin = TestUsers.signIn(e, "admin").client();

        TestClient before = TestUsers.signIn(e, "customer").client();
        before.get("/r/" + code);
        String booked = payWithCookie(e, before, plan);
        assertThat(attributions(e, booked)).isEqualTo(1);
        Ledger ledger = e.engine().component().ledger();
        Money commission = ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total();
        assertThat(commission).isEqualTo(Money.of(300, "EUR"));

        assertThat(admin.putJson("/api/v1/admin/switches/referrals", Map.of("engaged", true, "reason", "fraud wave")).status()).isEqualTo(200);

        TestClient later = TestUsers.signIn(e, "customer").client();
        Response click = later.get("/r/" + code);
        assertThat(click.status()).isEqualTo(303);
        assertThat(click.header("Location")).isEqualTo("/");
        assertThat(click.headers().getOrDefault("set-cookie", List.of())).noneMatch(c -> c.startsWith("mintreu_ref="));
        assertThat(clicks(e, affiliateId)).as("no click logged").isEqualTo(1);
        // a cookie set before the switch attributes nothing while it is engaged
        String unattributed = payWithCookie(e, before, plan);
        assertThat(attributions(e, unattributed)).isZero();
        assertThat(ledger.balances(Accounts.affiliate(affiliateId)).get("EUR").total()).as("what was booked stays").isEqualTo(commission);
        Response paused = affiliate.client().get("/account/affiliate");
        assertThat(paused.html().select(".referrals-off")).hasSize(1);
        assertThat(com.mintreu.engine.testing.A11y.check(paused.body())).isEmpty();

        assertThat(admin.putJson("/api/v1/admin/switches/referrals", Map.of("engaged", false, "reason", "over")).status()).isEqualTo(200);
        assertThat(later.get("/r/" + code).headers().get("set-cookie")).anyMatch(c -> c.startsWith("mintreu_ref="));
        assertThat(clicks(e, affiliateId)).isEqualTo(2);
        assertThat(affiliate.client().get("/account/affiliate").html().select(".referrals-off")).isEmpty();
    }

    private static long clicks(TestEngine e, String affiliateId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM affiliate_clicks WHERE affiliate_id = :a").bind("a", affiliateId)
                .mapTo(Long.class).one());
    }
}
