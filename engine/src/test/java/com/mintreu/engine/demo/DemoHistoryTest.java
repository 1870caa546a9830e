package com.mintreu.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The demo's past on first start: the seller's dashboard shows a balance and a paid payout with
 * its bank reference, the affiliate's shows clicks, conversions and earnings; a second seed adds nothing.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\n")
class DemoHistoryTest {

    @EngineTest
    void firstSeedBooksSalesAPaidPayoutAndAffiliateEarnings(TestEngine e) {
        long before = e.clock().millis();
        e.engine().component().demoHistory().seed(e.clock()::advance);
        assertThat(e.clock().millis()).as("the clock is put back").isBetween(before, before + 60_000);

        TestClient seller = signIn(e, DemoShop.LOGINS.get(1));
        Document dashboard = seller.get("/seller/dashboard").html();
        assertThat(dashboard.select(".dashboard-figures tr[data-currency=EUR] .orders").text()).as(dashboard.text()).isEqualTo("4");
        assertThat(dashboard.select(".dashboard-figures tr[data-currency=EUR] .pending").text()).as("the sale two days ago is in its hold")
                .isNotEqualTo("0.00 EUR").endsWith("EUR");
        Document payouts = seller.get("/seller/payouts").html();
        assertThat(payouts.select("h1 ~ section.card h2").eachText()).as(payouts.text()).singleElement().asString().endsWith("paid");
        assertThat(payouts.text()).contains("reference " + DemoHistory.SELLER_REFERENCE);

        TestClient affiliate = signIn(e, DemoShop.LOGINS.get(3));
        Document page = affiliate.get("/account/affiliate").html();
        assertThat(page.select(".affiliate-figures .clicks").text()).as("2 by the customer, 10 by visitors who bought nothing").isEqualTo("12");
        assertThat(page.select(".affiliate-figures .conversions").text()).isEqualTo("4");
        assertThat(page.select(".affiliate-earnings tr[data-currency=EUR] .paid").text()).as(page.text()).isEqualTo("14.70 EUR");
        assertThat(page.select(".affiliate-earnings tr[data-currency=EUR] .pending").text()).isEqualTo("1.90 EUR");

        Document support = signIn(e, DemoShop.LOGINS.get(0)).get("/admin/support").html();
        assertThat(support.text()).as("the demo's answered question counts in the last 30 days").contains("1 ticket(s)").contains("(1 answered)");

        // a second start seeds nothing twice
        e.engine().component().demoHistory().seed(e.clock()::advance);
        assertThat(signIn(e, DemoShop.LOGINS.get(1)).get("/seller/payouts").html().select("h1 ~ section.card h2")).hasSize(1);
        assertThat(signIn(e, DemoShop.LOGINS.get(3)).get("/account/affiliate").html().select(".affiliate-figures .conversions").text()).isEqualTo("4");
        assertThat(e.client().get("/api/v1/products?sort=newest").json().get("data").size()).isEqualTo(4);
    }

    private static TestClient signIn(TestEngine e, DemoShop.Login login) {
        TestClient c = e.client();
        assertThat(c.postJson("/api/v1/auth/login", Map.of("email", login.email(), "password", login.password())).status()).isEqualTo(200);
        return c;
    }
}
