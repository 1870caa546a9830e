package com.mintreu.engine.metering;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Csv;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.SvgBarChart;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * Usage over time as a server-rendered SVG chart with the numbers as a table, and as CSV: the
 * customer's per purchase ({@code /account/api-keys/{id}/usage}, {@code .../usage.csv}) and the
 * seller's across their products by product and customer ({@code /seller/api-usage},
 * {@code /seller/api-usage.csv}, {@code ?product=} to narrow). {@code ?range=day} (the last 30 UTC
 * days, the default) or {@code month} (the last 12). Another customer's purchase or another
 * seller's product is a 404; an unknown range is a 400 naming the ones there are.
 */
final class UsagePages implements Routes {

    /** The product type whose purchases have keys (plugin product-api). */
    private static final String API_TYPE = "api";

    private final ApiKeyService keys;
    private final UsageReports reports;
    private final CatalogService catalog;
    private final Clock clock;

    @Inject
    UsagePages(ApiKeyService keys, UsageReports reports, CatalogService catalog, Clock clock) {
        this.keys = keys;
        this.reports = reports;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/account/api-keys/{id}/usage", x -> customer(x, false));
        router.get("/account/api-keys/{id}/usage.csv", x -> customer(x, true));
        router.get("/seller/api-usage", x -> seller(x, false));
        router.get("/seller/api-usage.csv", x -> seller(x, true));
    }

    private void customer(Exchange x, boolean csv) {
        Principal p = x.requireUser();
        Entitlement purchase = keys.purchaseOf(p, x.pathParam("id"));
        UsageReports.Range range = range(x);
        long now = clock.millis();
        List<UsageReports.Point> points = reports.purchase(purchase.id(), range, now);
        if (csv) {
            Csv out = new Csv().row(List.of("period", "units"));
            points.forEach(pt -> out.row(List.of(range.label(pt.start()), pt.units())));
            download(x, out, "usage-" + purchase.id() + "-" + range.id + ".csv");
            return;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("purchase", Map.of("id", purchase.id(), "title", purchase.title()));
        model.put("range", range.id);
        model.put("rows", rows(points, range));
        model.put("total", points.stream().mapToLong(UsageReports.Point::units).sum());
        model.put("chart", chart("usage-chart", purchase.title(), points, range));
        x.render(200, "account/api-usage", model);
    }

    private void seller(Exchange x, boolean csv) {
        Principal seller = x.requireRole("seller");
        String productId = x.query("product").filter(s -> !s.isBlank()).orElse(null);
        if (productId != null) {
            // another seller's (or no) product: the same 404
            catalog.product(productId).filter(pr -> pr.sellerId().equals(seller.userId()) && API_TYPE.equals(pr.typeId()))
                    .orElseThrow(() -> ApiException.notFound("product"));
        }
        UsageReports.Range range = range(x);
        long now = clock.millis();
        List<UsageReports.SellerRow> rows = reports.seller(seller.userId(), productId, range, now);
        Map<String, String> titles = new HashMap<>();
        if (csv) {
            Csv out = new Csv().row(List.of("period", "product_id", "product", "customer_id", "units"));
            rows.forEach(r -> out.row(List.of(range.label(r.start()), r.productId(), title(titles, r.productId()), r.customerId(), r.units())));
            download(x, out, "api-usage-" + range.id + ".csv");
            return;
        }
        List<UsageReports.Point> totals = UsageReports.totals(rows, range, now);
        Map<String, long[]> byCustomer = new LinkedHashMap<>();
        rows.forEach(r -> byCustomer.computeIfAbsent(r.productId() + "\u0000" + r.customerId(), k -> new long[1])[0] += r.units());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("range", range.id);
        model.put("product", productId);
        model.put("products", catalog.sellerProducts(seller).stream().filter(pr -> API_TYPE.equals(pr.typeId())).map(pr -> Map.of("id", pr.id(), "title", pr.title())).toList());
        model.put("rows", rows(totals, range));
        model.put("total", totals.stream().mapToLong(UsageReports.Point::units).sum());
        model.put("customers", byCustomer.entrySet().stream().map(e -> {
            String[] k = e.getKey().split("\u0000", 2);
            return Map.<String, Object>of("productId", k[0], "product", title(titles, k[0]), "customerId", k[1], "units", e.getValue()[0]);
        }).toList());
        model.put("chart", chart("seller-usage-chart", productId == null ? "All your API products" : title(titles, productId), totals, range));
        x.render(200, "seller/api-usage", model);
    }

    private String title(Map<String, String> titles, String productId) {
        return titles.computeIfAbsent(productId, id -> catalog.product(id).map(Product::title).orElse(id));
    }

    private static UsageReports.Range range(Exchange x) {
        String raw = x.query("range").orElse("day");
        return UsageReports.Range.parse(raw).orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError("range", "must be day or month"))));
    }

    private static List<Map<String, Object>> rows(List<UsageReports.Point> points, UsageReports.Range range) {
        return points.stream().map(p -> Map.<String, Object>of("period", range.label(p.start()), "units", p.units())).toList();
    }

    private static String chart(String id, String what, List<UsageReports.Point> points, UsageReports.Range range) {
        String per = range == UsageReports.Range.DAY ? "day, the last 30 days (UTC)" : "month, the last 12 months (UTC)";
        long total = points.stream().mapToLong(UsageReports.Point::units).sum();
        long peak = points.stream().mapToLong(UsageReports.Point::units).max().orElse(0);
        return SvgBarChart.render(id, "Units used per " + range.id + ": " + what,
                "Bar chart of reported units per " + per + ". Total " + total + " units; the busiest " + range.id + " had " + peak
                        + ". The table below lists every value.", "units",
                points.stream().map(p -> new SvgBarChart.Bar(range.shortLabel(p.start()), p.units())).toList());
    }

    private static void download(Exchange x, Csv csv, String name) {
        x.header("Content-Disposition", Csv.attachment(name));
        x.header("Cache-Control", "no-store");
        x.send(200, "text/csv; charset=utf-8", csv.bytes());
    }
}
