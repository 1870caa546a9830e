package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.TicketPage;
import com.mintreu.api.helpdesk.TicketStatus;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;

/**
 * {@code /seller/support}: the tickets about a seller's products, filtered by status and product,
 * with the median first-response and resolution times of the last 30 days. {@code /admin/support}:
 * every ticket (or only those without a seller) and the shop-wide figures.
 */
final class InboxPages implements Routes {

    private static final int SHOWN = 100;

    private final SupportService support;
    private final Clock clock;
    private final PrincipalResolver users;

    @Inject
    InboxPages(SupportService support, Clock clock, PrincipalResolver users) {
        this.support = support;
        this.clock = clock;
        this.users = users;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/support", x -> {
            Principal seller = x.requireRole("seller");
            Optional<TicketStatus> status = status(x);
            List<Product> products = support.sellerProducts(seller);
            String product = x.query("product").filter(p -> products.stream().anyMatch(q -> q.id().equals(p))).orElse("");
            TicketPage page = support.inbox(seller, status.map(Set::of).orElse(Set.of()), product, x.query("after").orElse(null), SHOWN);
            Map<String, Object> model = model(x, page, status);
            model.put("products", products);
            model.put("productTitles", products.stream().collect(Collectors.toMap(Product::id, Product::title)));
            model.put("selectedProduct", product);
            model.put("figures", support.figures(seller.userId(), clock.millis()));
            x.render("seller/support", model);
        });
        router.get("/admin/support", x -> {
            Principal admin = x.requireRole("admin");
            Optional<TicketStatus> status = status(x);
            boolean queue = x.query("queue").filter("admin"::equals).isPresent();
            TicketPage page = support.all(admin, queue, status.map(Set::of).orElse(Set.of()), x.query("after").orElse(null), SHOWN);
            Map<String, Object> model = model(x, page, status);
            model.put("queue", queue);
            model.put("names", UserNames.of(users, page.data().stream().flatMap(t -> Stream.of(t.sellerId(), t.assigneeId()))));
            model.put("figures", support.figures(null, clock.millis()));
            x.render("admin/support", model);
        });
    }

    private static Map<String, Object> model(Exchange x, TicketPage page, Optional<TicketStatus> status) {
        Map<String, Object> model = new HashMap<>();
        model.put("tickets", page.data());
        model.put("nextCursor", page.nextCursor() == null ? "" : page.nextCursor());
        model.put("statuses", TicketStatus.values());
        model.put("selectedStatus", status.map(TicketStatus::id).orElse(""));
        return model;
    }

    /** The status filter; an unknown value shows all (a filter, not an input to refuse). */
    private static Optional<TicketStatus> status(Exchange x) {
        Map<String, TicketStatus> byId = Arrays.stream(TicketStatus.values()).collect(Collectors.toMap(TicketStatus::id, Function.identity()));
        return x.query("status").map(byId::get);
    }
}
