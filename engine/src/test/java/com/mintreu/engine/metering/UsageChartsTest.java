package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.UsageBillingFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.web.SvgBarChartTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage over time for the customer (per purchase) and the seller (per product and customer): the
 * SVG chart (parsed as XML: a bar per day or month with the right values, title and desc), the
 * table beside it, and the CSV export (parsed: header, quoting, values), on both databases.
 */
class UsageChartsTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() {
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, ApiProducts.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    /** The chart the page delivered, parsed as XML (so it is well-formed as sent). */
    static org.w3c.dom.Document svg(Response page) throws Exception {
        String body = page.body();
        int from = body.indexOf("<svg");
        int to = body.indexOf("</svg>") + "</svg>".length();
        assertThat(from).as("the page has a chart").isNotNegative();
        return SvgBarChartTest.parse(body.substring(from, to));
    }

    static List<Long> values(org.w3c.dom.Document svg) {
        return SvgBarChartTest.byClass(svg, "rect", "bar").stream().map(b -> Long.parseLong(b.getAttribute("data-value"))).toList();
    }

    static List<List<String>> csv(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).matches("attachment; filename=\"[A-Za-z0-9._-]+\\.csv\"");
        assertThat(r.body()).endsWith("\r\n");
        return Arrays.stream(r.body().split("\r\n")).map(line -> List.of(line.split(",", -1))).toList();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theCustomerAndTheSellerSeeUsagePerDayAndMonthAsAChartATableAndCsv(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        ApiProducts.Bought b = ApiProducts.buy(e, ApiProducts.publish(e, seller, Map.of("monthlyQuota", "100000")));
        TestClient customer = b.customer().client();
        String key = ApiProducts.newKey(customer, b.entitlementId(), "main");
        TestClient server = ApiProducts.withToken(e, seller);
        String twoDaysAgo = e.clock().instant().minus(Duration.ofDays(2)).toString();
        Response early = server.postJson("/api/v1/usage", Map.of("events", List.of(Map.of("eventId", "early", "key", key, "units", 40, "at", twoDaysAgo))));
        assertThat(early.status()).as(early.body()).isEqualTo(200);
        report(server, key, 25);
        LocalDate today = LocalDate.ofInstant(e.clock().instant(), ZoneOffset.UTC);

        Response page = customer.get("/account/api-keys/" + b.entitlementId() + "/usage");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        org.w3c.dom.Document chart = svg(page);
        assertThat(chart.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(chart.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent()).startsWith("Units used per day");
        assertThat(chart.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent()).contains("Total 65 units");
        List<Long> days = values(chart);
        assertThat(days).hasSize(30);
        assertThat(days.getLast()).as("today").isEqualTo(25);
        assertThat(days.get(27)).as("two days ago").isEqualTo(40);
        assertThat(days.stream().mapToLong(Long::longValue).sum()).isEqualTo(65);
        Document html = page.html();
        assertThat(html.select("table.usage-table tbody tr")).hasSize(30);
        assertThat(html.select("table.usage-table tbody tr").last().text()).isEqualTo(today + " 25");
        assertThat(html.select(".usage-range-total").text()).isEqualTo("65");

        List<Long> months = values(svg(customer.get("/account/api-keys/" + b.entitlementId() + "/usage?range=month")));
        assertThat(months).hasSize(12);
        assertThat(months.stream().mapToLong(Long::longValue).sum()).isEqualTo(65);

        List<List<String>> rows = csv(customer.get("/account/api-keys/" + b.entitlementId() + "/usage.csv?range=day"));
        assertThat(rows.getFirst()).containsExactly("period", "units");
        assertThat(rows).hasSize(31);
        assertThat(rows.getLast()).containsExactly(today.toString(), "25");
        assertThat(rows.get(28)).containsExactly(today.minusDays(2).toString(), "40");

        // rights and bad input
        TestClient stranger = TestUsers.signIn(e, "customer").client();
        assertThat(stranger.get("/account/api-keys/" + b.entitlementId() + "/usage").status()).isEqualTo(404);
        assertThat(stranger.get("/account/api-keys/" + b.entitlementId() + "/usage.csv").status()).isEqualTo(404);
        Response bad = customer.get("/account/api-keys/" + b.entitlementId() + "/usage?range=week");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("must be day or month");

        // the seller: all products, one product, by customer, CSV
        Response sellerPage = seller.client().get("/seller/api-usage");
        assertThat(sellerPage.status()).as(sellerPage.body()).isEqualTo(200);
        assertThat(values(svg(sellerPage))).hasSize(30).last().isEqualTo(25L);
        assertThat(sellerPage.html().select("table.usage-by-customer tbody tr").text()).contains(b.customer().id()).endsWith("65");
        String productId = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM entitlements WHERE id = :e").bind("e", b.entitlementId())
                .mapTo(String.class).one());
        assertThat(values(svg(seller.client().get("/seller/api-usage?range=month&product=" + productId))).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(65);
        List<List<String>> sellerRows = csv(seller.client().get("/seller/api-usage.csv?range=day&product=" + productId));
        assertThat(sellerRows.getFirst()).containsExactly("period", "product_id", "product", "customer_id", "units");
        assertThat(sellerRows).hasSize(3);
        assertThat(sellerRows.get(1)).containsExactly(today.minusDays(2).toString(), productId, sellerRows.get(1).get(2), b.customer().id(), "40");
        assertThat(sellerRows.get(2).getLast()).isEqualTo("25");
        TestUsers.User other = TestUsers.signIn(e, "seller");
        assertThat(other.client().get("/seller/api-usage?product=" + productId).status()).as("another seller's product").isEqualTo(404);
        assertThat(values(svg(other.client().get("/seller/api-usage"))).stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(customer.get("/seller/api-usage").status()).as("not a seller").isIn(403, 404);
    }
}
