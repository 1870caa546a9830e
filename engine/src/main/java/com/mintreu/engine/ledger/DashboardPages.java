package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import java.math.BigDecimal;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Csv;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.SvgBarChart;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * The seller dashboard page ({@code /seller/dashboard}) with a chart of sales per currency, and
 * its CSV exports for the same range ({@code /seller/dashboard/sales.csv}, {@code .../ledger.csv}).
 * A wrong date range shows the form again with its messages (status 422) and no figures; the CSVs
 * answer it with the usual 422.
 */
final class DashboardPages implements Routes {

    private static final Map<String, String> LABELS = Map.of("from", "From", "to", "To", "per", "Per");

    private final SellerDashboard dashboard;
    private final Clock clock;

    @Inject
    DashboardPages(SellerDashboard dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/dashboard", this::page);
        router.get("/seller/dashboard/sales.csv", x -> {
            Principal seller = x.requireRole("seller");
            DashboardRange range = DashboardRoutes.range(x, clock);
            Csv csv = new Csv().row(List.of("booked_at", "kind", "order_id", "line_id", "product_id", "product", "quantity", "customer_email",
                    "currency", "gross_minor", "platform_fee_minor", "net_minor", "gross", "platform_fee", "net"));
            for (SellerDashboard.SaleRow r : dashboard.sales(seller.userId(), range)) {
                csv.row(List.of(Instant.ofEpochMilli(r.at()).toString(), r.kind(), r.orderId(), r.lineId(), r.productId(), r.title(), r.quantity(),
                        r.customerEmail(), r.gross().currency(), r.gross().minor(), r.fee().minor(), r.net().minor(), decimal(r.gross()),
                        decimal(r.fee()), decimal(r.net())));
            }
            download(x, csv, "sales-" + range.from() + "-" + range.to() + ".csv");
        });
        router.get("/seller/dashboard/ledger.csv", x -> {
            Principal seller = x.requireRole("seller");
            DashboardRange range = DashboardRoutes.range(x, clock);
            Csv csv = new Csv().row(List.of("entry_id", "booked_at", "available_at", "kind", "order_id", "line_id", "memo", "currency",
                    "amount_minor", "amount"));
            for (AccountEntry e : dashboard.entries(seller.userId(), range)) {
                csv.row(List.of(e.id(), Instant.ofEpochMilli(e.createdAt()).toString(), Instant.ofEpochMilli(e.availableAt()).toString(), e.kind(),
                        e.orderId() == null ? "" : e.orderId(), e.orderLineId() == null ? "" : e.orderLineId(), e.memo() == null ? "" : e.memo(),
                        e.amount().currency(), e.amount().minor(), decimal(e.amount())));
            }
            download(x, csv, "ledger-" + range.from() + "-" + range.to() + ".csv");
        });
    }

    private void page(Exchange x) {
        Principal seller = x.requireRole("seller");
        Map<String, String> typed = new LinkedHashMap<>();
        for (String f : List.of("from", "to", "per")) {
            typed.put(f, x.query(f).orElse(""));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        DashboardRange range;
        try {
            range = DashboardRoutes.range(x, clock);
        } catch (ApiException e) {
            FormErrors errors = FormErrors.from(e, "range", typed, LABELS, Map.of()).orElseThrow(() -> e);
            model.putAll(errors.model());
            model.put("form", typed);
            model.put("query", "");
            x.render(422, "seller/dashboard", model);
            return;
        }
        SellerDashboard.View view = dashboard.view(seller.userId(), range);
        model.put("form", Map.of("from", view.from(), "to", view.to(), "per", view.per()));
        model.put("view", view);
        model.put("query", "from=" + view.from() + "&to=" + view.to() + "&per=" + view.per());
        model.put("charts", view.currencies().stream().map(f -> Map.of("currency", f.currency(), "svg", chart(f, range))).toList());
        x.render(200, "seller/dashboard", model);
    }

    private static String chart(SellerDashboard.Figures f, DashboardRange range) {
        String per = range.per().id();
        String unit = f.currency() + " (minor units)";
        return SvgBarChart.render("sales-chart-" + f.currency(), "Sales per " + per + " in " + f.currency() + ", " + range.from() + " to " + range.to(),
                "Bar chart of what customers paid per " + per + " (UTC), in minor units of " + f.currency() + ". Sales " + MoneyText.format(f.sales())
                        + ", refunds " + MoneyText.format(f.refunds()) + ". The table below lists every value.",
                unit, f.series().stream().map(p -> new SvgBarChart.Bar(p.period(), Math.max(0, p.sales().minor()))).toList());
    }

    /** 1999 EUR as 19.99 (a number, so the CSV writes it as one: a leading minus is not a formula), with the currency's decimals. */
    static BigDecimal decimal(Money m) {
        return BigDecimal.valueOf(m.minor(), MoneyText.fractionDigits(m.currency()));
    }

    private static void download(Exchange x, Csv csv, String name) {
        x.header("Content-Disposition", Csv.attachment(name));
        x.header("Cache-Control", "no-store");
        x.send(200, "text/csv; charset=utf-8", csv.bytes());
    }
}
