package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.web.Timestamps;
import java.time.Duration;
import org.jsoup.nodes.Document;

/**
 * The seller dashboard's "next payout": the scheduled run's next time (the payout-run job's lease
 * end, now when it never ran) and what it would pay per currency, or that the balance is below the
 * minimum.
 */
class NextPayoutTest {

    @EngineTest
    void theDashboardSaysWhenTheNextRunIsAndWhatItWouldPay(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Ledger ledger = e.engine().component().ledger();
        long now = e.clock().millis();
        PayoutRunTest.sale(ledger, "next-eur", seller.id(), 2500, "EUR", now);
        PayoutRunTest.sale(ledger, "next-usd", seller.id(), 500, "USD", now);
        PayoutRunTest.sale(ledger, "next-held", seller.id(), 4000, "EUR", now + Duration.ofDays(10).toMillis());

        long before = expectedNextRun(e);
        JsonNode next = seller.client().get("/api/v1/seller/dashboard").json().get("nextPayout");
        assertThat(next.get("at").asText()).isBetween(Timestamps.iso(before), Timestamps.iso(expectedNextRun(e)));
        assertThat(next.get("amounts")).hasSize(2);
        JsonNode eur = next.get("amounts").get(0);
        assertThat(eur.get("available").get("minor").asLong()).as("the held 40.00 is not paid yet").isEqualTo(2500);
        assertThat(eur.get("paid").asBoolean()).isTrue();
        JsonNode usd = next.get("amounts").get(1);
        assertThat(usd.get("paid").asBoolean()).isFalse();
        assertThat(usd.get("minimum").get("minor").asLong()).isEqualTo(1000);

        String html = seller.client().get("/seller/dashboard").body();
        assertThat(A11y.check(html)).isEmpty();
        Document page = org.jsoup.Jsoup.parse(html);
        assertThat(page.selectFirst(".next-payout-amount[data-currency=EUR]").text()).isEqualTo("25.00 EUR");
        assertThat(page.selectFirst(".next-payout-below[data-currency=USD]").text())
                .isEqualTo("nothing in USD: 5.00 USD available is below the minimum of 10.00 USD");

        // the run is due: the scheduler runs it, pays the 25.00 and holds its lease for one interval (7 days)
        e.clock().advance(Duration.ofDays(8));
        long runFrom = e.clock().millis();
        e.engine().component().jobScheduler().runDue();
        long leased = expectedNextRun(e);
        assertThat(leased - Duration.ofDays(7).toMillis()).as("leased at the run, for 7 days").isBetween(runFrom, e.clock().millis());
        next = seller.client().get("/api/v1/seller/dashboard").json().get("nextPayout");
        assertThat(next.get("at").asText()).isEqualTo(Timestamps.iso(leased));
        assertThat(next.get("amounts").get(0).get("available").get("minor").asLong()).as("paid out; the 40.00 is held two more days").isZero();
        assertThat(e.engine().component().payoutService().ofSeller(seller.id(), com.mintreu.engine.web.PageRequest.first(5)))
                .extracting(p -> p.amount().toString()).containsExactly("2500 EUR");
        assertThat(seller.client().get("/seller/dashboard").html().selectFirst(".next-payout-at").text())
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.ofEpochMilli(leased)));
    }

    /** The job's next run as the scheduler defines it: its lease's end, or now when free. */
    private static long expectedNextRun(TestEngine e) {
        Long until = e.jdbi().withHandle(h -> h.createQuery("SELECT leased_until FROM job_leases WHERE name = 'payout-run'")
                .mapTo(Long.class).findOne().orElse(null));
        return until == null ? e.clock().millis() : Math.max(until, e.clock().millis());
    }
}
