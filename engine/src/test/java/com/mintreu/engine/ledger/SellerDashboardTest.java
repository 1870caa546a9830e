package com.mintreu.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.openqa.selenium.Cookie;

/**
 * The seller dashboard over HTTP with exact figures from three paid orders over two days and one
 * refund: the page (figures, the SVG chart parsed, top products, customers), the JSON, both CSVs
 * parsed, the range form's messages, and another seller's sales never showing.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\n")
class SellerDashboardTest {

    @EngineTest
    void theDashboardShowsExactlyTheSellersOwnFigures(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestUsers.User rival = TestUsers.signIn(e, "seller");
        TestUsers.User alice = TestUsers.signIn(e, "customer");
        TestUsers.User bob = TestUsers.signIn(e, "customer");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Item sound = Purchases.publish(seller.client(), seller.id(), admin, "download", "Sound Pack", Map.of(), "s.zip", new byte[] {1});
        Item published = Purchases.publish(seller.client(), seller.id(), admin, "download", "Font Pack", Map.of(), "f.zip", new byte[] {2});
        Item font = new Item(published.productId(), published.planId(), seller.id(), "download", "Font Pack", 2500);
        Item other = Purchases.publish(rival.client(), rival.id(), admin, "download", "Rival Secret Pack", Map.of(), "r.zip", new byte[] {3});

        LocalDate day0 = LocalDate.ofInstant(e.clock().instant(), ZoneOffset.UTC);
        String first = Purchases.paidOrder(e, alice.id(), sound, font); // 15.00 + 25.00, fees 1.50 + 2.50
        Purchases.paidOrder(e, alice.id(), other);
        e.engine().component().outboxDispatcher().deliverDue();
        e.clock().advance(Duration.ofDays(1));
        Purchases.paidOrder(e, bob.id(), sound);
        e.engine().component().outboxDispatcher().deliverDue();
        e.clock().advance(Duration.ofDays(1));
        String fontLine = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM order_lines WHERE order_id = :o AND position = 1")
                .bind("o", first).mapTo(String.class).one());
        refund(e, "rfd_dash_" + e.kind(), first, List.of(new RefundLine(fontLine, Money.of(2500, "EUR"))));
        LocalDate day1 = day0.plusDays(1);
        LocalDate day2 = day0.plusDays(2);

        // the JSON: sales 55.00, refunds 25.00, revenue 30.00, fees 1.50+2.50+1.50-2.50, net 13.50+22.50+13.50-22.50
        JsonNode d = seller.client().get("/api/v1/seller/dashboard").json();
        assertThat(d.get("from").asText()).isEqualTo(day2.minusDays(29).toString());
        assertThat(d.get("to").asText()).isEqualTo(day2.toString());
        assertThat(d.get("currencies")).hasSize(1);
        JsonNode eur = d.get("currencies").get(0);
        assertThat(minor(eur, "sales")).isEqualTo(5500);
        assertThat(minor(eur, "refunds")).isEqualTo(2500);
        assertThat(minor(eur, "revenue")).isEqualTo(3000);
        assertThat(minor(eur, "fees")).isEqualTo(300);
        assertThat(minor(eur, "net")).isEqualTo(2700);
        assertThat(eur.get("orders").asInt()).isEqualTo(2);
        assertThat(eur.get("balance").get("pending").get("minor").asLong()).isEqualTo(2700);
        assertThat(eur.get("balance").get("available").get("minor").asLong()).isZero();
        assertThat(d.get("nextPayout").get("amounts").get(0).get("paid").asBoolean()).as("nothing available yet").isFalse();
        JsonNode series = eur.get("series");
        assertThat(series).hasSize(30);
        assertThat(series.get(27).get("period").asText()).isEqualTo(day0.toString());
        assertThat(minor(series.get(27), "sales")).isEqualTo(4000);
        assertThat(minor(series.get(28), "sales")).isEqualTo(1500);
        assertThat(minor(series.get(29), "refunds")).isEqualTo(2500);
        assertThat(minor(series.get(29), "net")).isEqualTo(-2250);
        assertThat(d.get("topProducts").get(0).get("title").asText()).isEqualTo("Sound Pack");
        assertThat(d.get("topProducts").get(0).get("units").asInt()).isEqualTo(2);
        assertThat(minor(d.get("topProducts").get(0), "revenue")).isEqualTo(3000);
        assertThat(minor(d.get("topProducts").get(1), "revenue")).as("the refunded font pack").isZero();
        Map<String, String> customers = new LinkedHashMap<>();
        d.get("customers").forEach(c -> customers.put(c.get("email").asText(), c.get("orders").asInt() + "/" + c.get("total").get("minor").asLong()));
        assertThat(customers).containsOnly(Map.entry(alice.id() + "@example.test", "1/1500"), Map.entry(bob.id() + "@example.test", "1/1500"));

        // a narrower range, and per month
        JsonNode oneDay = seller.client().get("/api/v1/seller/dashboard?from=" + day1 + "&to=" + day1).json().get("currencies").get(0);
        assertThat(minor(oneDay, "sales")).isEqualTo(1500);
        assertThat(minor(oneDay, "refunds")).isZero();
        assertThat(oneDay.get("series")).hasSize(1);
        JsonNode monthly = seller.client().get("/api/v1/seller/dashboard?from=" + day0 + "&to=" + day2 + "&per=month").json();
        long monthSales = 0;
        for (JsonNode p : monthly.get("currencies").get(0).get("series")) {
            assertThat(p.get("period").asText()).matches("\\d{4}-\\d{2}");
            monthSales += p.get("sales").get("minor").asLong();
        }
        assertThat(monthSales).isEqualTo(5500);

        // the rival sees their own sale only, and none of ours
        JsonNode theirs = rival.client().get("/api/v1/seller/dashboard").json();
        assertThat(minor(theirs.get("currencies").get(0), "sales")).isEqualTo(1500);
        assertThat(theirs.toString()).doesNotContain("Sound Pack").doesNotContain(bob.id());
        assertThat(d.toString()).doesNotContain("Rival Secret Pack");

        // the page: figures, the chart as SVG (a bar per day, our days' values), the tables
        Response page = seller.client().get("/seller/dashboard");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("Rival Secret Pack");
        Document html = page.html();
        Element row = html.selectFirst("table.dashboard-figures tr[data-currency=EUR]");
        assertThat(row.selectFirst(".sales").text()).isEqualTo("55.00 EUR");
        assertThat(row.selectFirst(".revenue").text()).isEqualTo("30.00 EUR");
        assertThat(row.selectFirst(".fees").text()).isEqualTo("3.00 EUR");
        assertThat(row.selectFirst(".net").text()).isEqualTo("27.00 EUR");
        assertThat(row.selectFirst(".pending").text()).isEqualTo("27.00 EUR");
        assertThat(html.selectFirst(".next-payout").text()).contains("0.00 EUR available is below the minimum of 10.00 EUR");
        assertThat(html.select("table.top-products tbody tr").first().text()).startsWith("Sound Pack 2 30.00 EUR 27.00 EUR");
        assertThat(html.select("table.customers tbody tr")).hasSize(2);
        Document svg = Jsoup.parse(html.selectFirst("figure.chart svg").outerHtml(), "", Parser.xmlParser());
        List<Element> bars = svg.select("rect.bar");
        assertThat(bars).hasSize(30);
        Map<String, Long> values = new LinkedHashMap<>();
        bars.forEach(b -> values.put(b.selectFirst("title").text().split(":")[0], Long.parseLong(b.attr("data-value"))));
        assertThat(values).containsEntry(day0.toString(), 4000L).containsEntry(day1.toString(), 1500L).containsEntry(day2.toString(), 0L);
        assertThat(values.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5500);
        assertThat(html.select("a[href^=/seller/dashboard/sales.csv]")).hasSize(1);
        assertThat(seller.client().get("/seller/sales").html().select("a[href=/seller/dashboard]")).isNotEmpty();

        // the sales CSV: one row per posting and line, summing to the figures
        Response salesCsv = seller.client().get("/seller/dashboard/sales.csv?from=" + day0 + "&to=" + day2);
        assertThat(salesCsv.status()).isEqualTo(200);
        assertThat(salesCsv.header("Content-Disposition")).isEqualTo("attachment; filename=\"sales-" + day0 + "-" + day2 + ".csv\"");
        List<Map<String, String>> sales = csv(salesCsv.body());
        assertThat(sales).hasSize(4);
        assertThat(sales).extracting(r -> r.get("kind")).containsExactly("sale", "sale", "sale", "refund");
        assertThat(sum(sales, "gross_minor")).isEqualTo(3000);
        assertThat(sum(sales, "platform_fee_minor")).isEqualTo(300);
        assertThat(sum(sales, "net_minor")).isEqualTo(2700);
        assertThat(sales.get(3).get("gross")).isEqualTo("-25.00");
        assertThat(salesCsv.body()).doesNotContain("Rival Secret Pack");

        // the ledger CSV: the seller's own entries
        Response ledgerCsv = seller.client().get("/seller/dashboard/ledger.csv?from=" + day0 + "&to=" + day2);
        assertThat(ledgerCsv.header("Content-Disposition")).isEqualTo("attachment; filename=\"ledger-" + day0 + "-" + day2 + ".csv\"");
        List<Map<String, String>> entries = csv(ledgerCsv.body());
        assertThat(entries).extracting(r -> r.get("amount_minor")).containsExactly("1350", "2250", "1350", "-2250");
        assertThat(csv(seller.client().get("/seller/dashboard/ledger.csv?from=" + day1 + "&to=" + day1).body())).hasSize(1);

        // after the hold the balance is available
        e.clock().advance(Duration.ofDays(14));
        long now = e.clock().millis(); // the seller comes back: their session is fresh again
        e.jdbi().useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :now, expires_at = :later WHERE user_id = :id")
                .bind("now", now).bind("later", now + 3_600_000).bind("id", seller.id()).execute());
        JsonNode later = seller.client().get("/api/v1/seller/dashboard").json().get("currencies").get(0).get("balance");
        assertThat(later.get("available").get("minor").asLong()).isEqualTo(2700);
        assertThat(later.get("pending").get("minor").asLong()).isZero();

        if (e.kind().equals("sqlite")) {
            try (Browser b = new Browser()) {
                b.open(e.base() + "/static/css/site.css");
                seller.client().cookies().forEach(c -> b.driver().manage().addCookie(new Cookie(c.getName(), c.getValue(), "/")));
                b.open(e.base() + "/seller/dashboard?from=" + day0.minusDays(5) + "&to=" + day2.plusDays(5));
                assertThat(b.text("table.dashboard-figures .net")).isEqualTo("27.00 EUR");
                b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1200, 2000)); // the whole page in one picture
                b.screenshot("seller-dashboard");
                Files.createDirectories(Path.of("/work/shots"));
                Files.copy(Path.of("target", "screenshots", "seller-dashboard.png"), Path.of("/work/shots/seller-dashboard.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @EngineTest
    void aWrongRangeIsExplainedOnTheFormAndOnlySellersGetIn(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Response bad = seller.client().get("/seller/dashboard?from=2026-02-30&to=2026-03-01&per=week");
        assertThat(bad.status()).isEqualTo(422);
        Document html = bad.html();
        assertThat(html.select(".notice.error li").eachText()).containsExactly("From: must be a date as YYYY-MM-DD, got 2026-02-30",
                "Per: must be day or month");
        assertThat(html.selectFirst("#range-from").attr("value")).isEqualTo("2026-02-30");
        assertThat(html.selectFirst("#range-from-error").text()).contains("YYYY-MM-DD");
        assertThat(html.select("table.dashboard-figures")).isEmpty();

        Response backwards = seller.client().get("/seller/dashboard?from=2026-03-02&to=2026-03-01");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.html().select(".notice.error li").eachText()).containsExactly("From: must be on or before the end date (2026-03-01)");
        Response tooLong = seller.client().get("/seller/dashboard?from=2024-01-01&to=2026-03-01");
        assertThat(tooLong.html().select(".notice.error li").text()).contains("at most 366 days");
        assertThat(seller.client().get("/seller/dashboard?from=2024-01-01&to=2026-03-01&per=month").status()).isEqualTo(200);

        Response api = seller.client().get("/api/v1/seller/dashboard?to=%3Cscript%3E");
        assertThat(api.status()).isEqualTo(422);
        assertThat(api.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(seller.client().get("/seller/dashboard/sales.csv?from=x").status()).isEqualTo(422);

        TestClient customer = TestUsers.signIn(e, "customer").client();
        assertThat(customer.get("/seller/dashboard").status()).isEqualTo(403);
        assertThat(customer.get("/seller/dashboard/ledger.csv").status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/seller/dashboard").status()).isEqualTo(403);
        Response empty = seller.client().get("/seller/dashboard");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.html().selectFirst(".next-payout").text()).matches("Next payout: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, nothing available to pay yet\\.");
    }

    @EngineTest
    void amountsInTwoCurrenciesAreNeverAddedTogether(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestUsers.User carol = TestUsers.signIn(e, "customer");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Brush Pack", Map.of(),
                "b.zip", new byte[] {7});
        Purchases.paidOrder(e, carol.id(), pack);
        String dollars = Purchases.paidOrder(e, carol.id(), new Item(pack.productId(), pack.planId(), seller.id(), "download", "Brush Pack", 900));
        e.jdbi().useHandle(h -> h.createUpdate("UPDATE orders SET currency = 'USD' WHERE id = :o").bind("o", dollars).execute());
        e.engine().component().outboxDispatcher().deliverDue();

        JsonNode d = seller.client().get("/api/v1/seller/dashboard").json();
        assertThat(d.get("currencies")).extracting(c -> c.get("currency").asText()).containsExactly("EUR", "USD");
        assertThat(minor(d.get("currencies").get(0), "sales")).isEqualTo(1500);
        assertThat(minor(d.get("currencies").get(1), "sales")).isEqualTo(900);
        assertThat(minor(d.get("currencies").get(1), "net")).isEqualTo(810);
        assertThat(d.get("topProducts")).extracting(t -> t.get("currency").asText() + " " + t.get("revenue").get("minor").asLong())
                .containsExactly("EUR 1500", "USD 900");
        assertThat(d.get("customers")).extracting(c -> c.get("total").get("currency").asText() + " " + c.get("orders").asInt())
                .containsExactly("EUR 1", "USD 1");
        Document html = seller.client().get("/seller/dashboard").html();
        assertThat(html.select("figure.chart svg")).hasSize(2);
        assertThat(html.selectFirst("tr[data-currency=USD] .net").text()).isEqualTo("8.10 USD");
        List<Map<String, String>> rows = csv(seller.client().get("/seller/dashboard/sales.csv").body());
        assertThat(rows).extracting(r -> r.get("currency") + " " + r.get("gross")).containsExactly("EUR 15.00", "USD 9.00");
    }

    private static long minor(JsonNode n, String field) {
        return n.get(field).get("minor").asLong();
    }

    /** RFC 4180 without quoted fields (none of these rows has a comma or quote), as maps by header. */
    private static List<Map<String, String>> csv(String body) {
        assertThat(body).endsWith("\r\n");
        String[] lines = body.split("\r\n");
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertThat(f).as(lines[i]).hasSize(header.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int j = 0; j < f.length; j++) {
                row.put(header.get(j), f[j]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static long sum(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
    }

    private static void refund(TestEngine e, String refundId, String orderId, List<RefundLine> lines) {
        Outbox outbox = e.engine().component().outbox();
        e.jdbi().useTransaction(h -> {
            Outbox.Stamp stamp = outbox.stamp();
            outbox.publish(h, new OrderRefunded(stamp.eventId(), stamp.at(), refundId, orderId, lines));
        });
        e.engine().component().outboxDispatcher().deliverDue();
    }
}
