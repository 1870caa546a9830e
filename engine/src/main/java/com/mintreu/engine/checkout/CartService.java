package com.mintreu.engine.checkout;

import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.order.OrderError;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.session.Session;
import com.mintreu.engine.web.session.SignInListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Carts for guests (keyed by their browser session) and signed-in customers (keyed by user), merged
 * at sign-in. A cart holds plan ids and quantities only: prices are always read from the catalog.
 */
@Singleton
public final class CartService implements SignInListener {

    static final int MAX_LINES = 25;
    static final int MAX_QUANTITY = 10;

    /** A cart line as the customer sees it; {@code available} is false once the product left the shop. */
    public record CartLine(String planId, String productId, String slug, String title, String planName, Money unit, int quantity,
            Money total, boolean available) {}

    /** The whole cart; {@code subtotal} is null when empty or when lines mix currencies. */
    public record CartView(List<CartLine> lines, Money subtotal) {
        public boolean isEmpty() {
            return lines.isEmpty();
        }
    }

    private final CartStore store;
    private final CatalogService catalog;
    private final Clock clock;

    @Inject
    CartService(CartStore store, CatalogService catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    public static String userOwner(String userId) {
        return "user:" + userId;
    }

    public static String sessionOwner(Session session) {
        return "session:" + session.idHash();
    }

    public CartView view(String owner) {
        List<CartLine> lines = new ArrayList<>();
        for (CartStore.Item item : store.jdbi().withHandle(h -> store.items(h, owner))) {
            lines.add(line(item));
        }
        Money subtotal = null;
        for (CartLine l : lines) {
            if (subtotal == null) {
                subtotal = l.total();
            } else if (subtotal.currency().equals(l.total().currency())) {
                subtotal = subtotal.plus(l.total());
            } else {
                subtotal = null;
                break;
            }
        }
        return new CartView(List.copyOf(lines), lines.isEmpty() ? null : subtotal);
    }

    /** Sets a plan's quantity (adding the plan when new). Only published products can be added. */
    public void put(String owner, String planId, int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("quantity", "must be 1 to " + MAX_QUANTITY)));
        }
        purchasable(planId).orElseThrow(() -> new ApiException(OrderError.NOT_PURCHASABLE, "plan " + planId + " is not for sale"));
        store.jdbi().useTransaction(h -> {
            String cart = store.ensureCart(h, owner, clock.millis());
            boolean known = store.items(h, owner).stream().anyMatch(i -> i.planId().equals(planId));
            if (!known && store.distinctItems(h, cart) >= MAX_LINES) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("planId", "a cart holds at most " + MAX_LINES + " items")));
            }
            store.put(h, cart, planId, quantity, clock.millis());
        });
    }

    public void remove(String owner, String planId) {
        if (!store.jdbi().inTransaction(h -> store.remove(h, owner, planId))) {
            throw ApiException.notFound("cart item " + planId);
        }
    }

    /** A guest who signs in keeps what they put in the cart: lines move to the user's cart. */
    @Override
    public void signedIn(Session previous, Session current) {
        String from = sessionOwner(previous);
        String to = userOwner(current.userId());
        store.jdbi().useTransaction(h -> {
            List<CartStore.Item> items = store.items(h, from);
            if (items.isEmpty()) {
                return;
            }
            String cart = store.ensureCart(h, to, clock.millis());
            List<CartStore.Item> existing = store.items(h, to);
            for (CartStore.Item item : items) {
                int already = existing.stream().filter(e -> e.planId().equals(item.planId())).mapToInt(CartStore.Item::quantity).sum();
                store.put(h, cart, item.planId(), Math.min(MAX_QUANTITY, Math.max(already, item.quantity())), clock.millis());
            }
            store.deleteCart(h, from);
        });
    }

    /** The plan and its product when the product is published; what checkout prices from. */
    Optional<Purchasable> purchasable(String planId) {
        return catalog.plan(planId).flatMap(plan -> catalog.product(plan.productId())
                .filter(Product::isPublished).map(product -> new Purchasable(plan, product)));
    }

    record Purchasable(Plan plan, Product product) {}

    private CartLine line(CartStore.Item item) {
        Optional<Purchasable> p = purchasable(item.planId());
        if (p.isEmpty()) {
            Optional<Plan> plan = catalog.plan(item.planId());
            String title = plan.flatMap(pl -> catalog.product(pl.productId())).map(Product::title).orElse("(no longer available)");
            Money unit = plan.map(Plan::price).orElse(Money.zero("EUR"));
            return new CartLine(item.planId(), plan.map(Plan::productId).orElse(null), null, title, plan.map(Plan::name).orElse(""),
                    unit, item.quantity(), unit.times(item.quantity()), false);
        }
        Plan plan = p.get().plan();
        Product product = p.get().product();
        return new CartLine(plan.id(), product.id(), product.slug(), product.title(), plan.name(), plan.price(), item.quantity(),
                plan.price().times(item.quantity()), true);
    }
}
