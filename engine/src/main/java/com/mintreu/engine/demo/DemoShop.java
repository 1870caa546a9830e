package com.mintreu.engine.demo;

import com.mintreu.engine.account.AdminAccounts;
import com.mintreu.engine.affiliate.Affiliates;
import com.mintreu.engine.catalog.CatalogFiles;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.PlanInput;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.catalog.ProductInput;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import com.mintreu.engine.web.WebServer;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/**
 * Seeds the demo shop: an admin, an approved seller, a customer, an affiliate (a member of the
 * affiliate program), and four published products (a
 * plain download, a licensed desktop app with a file, a free product, and a subscription with a
 * monthly plan with a 14-day trial and a yearly plan) with generated files and pictures. Safe to
 * run again: products that exist are left alone.
 */
public final class DemoShop {

    /** Who can sign in to the demo. Demo passwords are public by design: never use demo on a real shop. */
    public record Login(String role, String email, String password) {}

    public static final List<Login> LOGINS = List.of(
            new Login("admin", "admin@demo.mintreu.test", "demo-admin-pass-2026"),
            new Login("seller", "seller@demo.mintreu.test", "demo-seller-pass-2026"),
            new Login("customer", "customer@demo.mintreu.test", "demo-customer-pass-2026"),
            new Login("affiliate", "affiliate@demo.mintreu.test", "demo-affiliate-pass-2026"));

    private static final List<String> NAMES = List.of("Demo Admin", "Pixel & Tick Studio", "Casey Customer", "Avery Affiliate");
    private static final List<Set<String>> ROLES = List.of(Set.of("admin"), Set.of("seller"), Set.of(), Set.of());

    /** The demo's subscription product: a monthly plan with a 14-day trial and a yearly plan. */
    public static final String SUBSCRIPTION_TITLE = "Cloud Notes Sync";

    /**
     * The demo's API product, called through the gateway at {@code /gw/quotes-api/...}. Its upstream is
     * the product-api plugin's own demo API on this engine's loopback address; seeded only when that
     * plugin is running.
     */
    public static final String API_TITLE = "Quotes API";

    private final AdminAccounts accounts;
    private final PrincipalResolver principals;
    private final CatalogService catalog;
    private final CatalogFiles files;
    private final ServerConfig server;
    private final WebServer web;
    private final DemoHelp help;
    private final DemoSupport support;
    private final Affiliates affiliates;

    @Inject
    DemoShop(AdminAccounts accounts, PrincipalResolver principals, CatalogService catalog, CatalogFiles files, ServerConfig server, WebServer web,
            DemoHelp help, DemoSupport support, Affiliates affiliates) {
        this.help = help;
        this.support = support;
        this.affiliates = affiliates;
        this.accounts = accounts;
        this.principals = principals;
        this.catalog = catalog;
        this.files = files;
        this.server = server;
        this.web = web;
    }

    /** Seeds what is missing; returns the slugs of the products it created. */
    public List<String> seed() {
        List<String> created = seedCatalog();
        seedSupport();
        return created;
    }

    /** The demo's answered support ticket, unless the customer has one (a ticket belongs to "now", not to the past the history books). */
    void seedSupport() {
        support.seed(login(2), login(1));
    }

    /** The users, products and help articles that are missing; the slugs of the products it created. */
    List<String> seedCatalog() {
        Principal admin = login(0);
        Principal seller = login(1);
        login(2); // the customer exists from the first seed on
        // a member of the affiliate program, with its links on /account/affiliate
        affiliates.join(login(3).userId());
        List<String> created = new java.util.ArrayList<>();
        if (catalog.sellerProducts(seller).isEmpty()) {
            created.add(product(admin, seller, "Pixel Icon Pack", "download", "templates", """
                    **120 hand-drawn pixel icons** for apps, games and slides.

                    - PNG at 64×64, transparent background
                    - Free for commercial use
                    """, List.of(new PlanInput("Standard", 1900L, "EUR", "All icons, lifetime updates")),
                    "1.0.0", "pixel-icons-1.0.0.zip", new Color(0x2D6CDF), new Color(0x8E44AD), 1));
            created.add(product(admin, seller, "Focus Timer Pro", "software", "software", """
                    A calm **Pomodoro timer** for Windows, macOS and Linux.

                    Your license key unlocks the Pro features; activate it in *Settings → License*.
                    """, List.of(new PlanInput("Personal license", 2900L, "EUR", "1 person, all devices"),
                            new PlanInput("Team license", 9900L, "EUR", "Up to 5 people")),
                    "2.1.0", "focus-timer-2.1.0.zip", new Color(0xE67E22), new Color(0xC0392B), 2));
            created.add(product(admin, seller, "Starter Wallpapers", "download", "templates", """
                    Six **free** desktop wallpapers to try the shop: check out, and download in seconds.
                    """, List.of(new PlanInput("Free", 0L, "EUR", "All six wallpapers")),
                    "1.0.0", "starter-wallpapers.zip", new Color(0x16A085), new Color(0x2980B9), 3));
        }
        // added after the first three: a demo seeded by an older version gets it too
        if (catalog.sellerProducts(seller).stream().noneMatch(p -> p.title().equals(SUBSCRIPTION_TITLE))) {
            created.add(product(admin, seller, SUBSCRIPTION_TITLE, "software", "software", """
                    **Sync your notes** across every device, sold by subscription.

                    Try it free for 14 days on the monthly plan, or pay yearly and save two months.
                    Your license key stays valid while the subscription runs.
                    """, List.of(new PlanInput("Monthly", 900L, "EUR", "Sync on all devices", "month", null, 14, true, false),
                            new PlanInput("Yearly", 9000L, "EUR", "Sync on all devices, two months free", "year", null, 0, false, false)),
                    "3.0.0", "cloud-notes-3.0.0.zip", new Color(0x6C5CE7), new Color(0x00B894), 4));
        }
        if (catalog.productTypes().stream().anyMatch(t -> t.id().equals("api"))
                && catalog.sellerProducts(seller).stream().noneMatch(p -> p.title().equals(API_TITLE))) {
            created.add(apiProduct(admin, seller));
        }
        help.seed(admin, seller);
        return created;
    }

    /**
     * A quote-of-the-day API with one plan: 1,000 calls a month, 5 a second. Its upstream is on
     * this engine's loopback address and the port it listens on now (the web server is started
     * before the demo seeds), so a demo moved to another port later needs its product's upstream URL edited.
     */
    private String apiProduct(Principal admin, Principal seller) {
        String host = server.listenHost() == null || server.listenHost().equals("0.0.0.0") || server.listenHost().equals("::")
                ? "127.0.0.1" : server.listenHost();
        String upstream = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.port() + "/plugins/product-api/demo";
        Product p = catalog.create(seller, new ProductInput(API_TITLE, null, """
                A tiny **quote-of-the-day API**, sold with an API key and called through the marketplace's gateway.

                After buying, make a key on *Your account → API keys*, then:
                `curl -H "Authorization: Bearer mk_live_..." <shop>/gw/quotes-api/quote`
                """.strip(), "api", Map.of("monthlyQuota", "1000", "ratePerSecond", "5", "upstreamUrl", upstream), List.of("software"),
                List.of("demo")));
        catalog.addPlan(seller, p.id(), new PlanInput("Starter", 490L, "EUR", "1,000 calls a month, 5 a second"));
        try {
            files.addImage(seller, p.id(), new ByteArrayInputStream(DemoArt.cover(new Color(0xF39C12), new Color(0xD35400), 5)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog.submit(seller, p.id());
        catalog.approve(admin, p.id());
        return p.slug();
    }

    /** The demo user {@code LOGINS.get(index)}, made when missing (DemoHistory acts as them). */
    Principal login(int index) {
        return user(LOGINS.get(index), NAMES.get(index), ROLES.get(index));
    }

    private Principal user(Login login, String name, Set<String> roles) {
        String id = accounts.ensure(login.email(), name, login.password(), roles).userId();
        return principals.byUserId(id).orElseThrow();
    }

    private String product(Principal admin, Principal seller, String title, String type, String category, String description,
            List<PlanInput> plans, String version, String fileName, Color from, Color to, int seed) {
        Product p = catalog.create(seller, new ProductInput(title, null, description.strip(), type, Map.of(), List.of(category), List.of("demo")));
        for (PlanInput plan : plans) {
            catalog.addPlan(seller, p.id(), plan);
        }
        Map<String, byte[]> icons = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            icons.put("icon-" + (i + 1) + ".png", DemoArt.icon(i % 2 == 0 ? from : to, i));
        }
        byte[] file = DemoArt.zip(title + " " + version + "\nThank you for your purchase!\n", icons);
        files.addRelease(seller, p.id(), version, "First release", fileName, new ByteArrayInputStream(file));
        try {
            files.addImage(seller, p.id(), new ByteArrayInputStream(DemoArt.cover(from, to, seed)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog.submit(seller, p.id());
        catalog.approve(admin, p.id());
        return p.slug();
    }
}
