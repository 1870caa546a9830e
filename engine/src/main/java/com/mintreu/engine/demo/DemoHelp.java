package com.mintreu.engine.demo;

import com.mintreu.api.helpdesk.ArticleCategory;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.help.ArticleInput;
import com.mintreu.engine.help.HelpService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's FAQ: shop-wide articles (payments, refunds, license keys, downloads, API keys) under
 * three categories, and one or two articles per demo product, written through {@link HelpService}
 * like an admin and the seller would. Seeded once; skipped when no knowledge base is running.
 */
final class DemoHelp {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHelp.class);

    private record Faq(String title, String body) {}

    private static final Map<String, List<Faq>> GLOBAL = Map.of(
            "Payments and refunds", List.of(
                    new Faq("How can I pay?", """
                            At checkout you choose one of the payment methods the shop offers. You are sent to the payment
                            provider's page, and the order is **paid** as soon as the provider confirms it, usually within seconds.
                            Nothing is charged when you cancel on the provider's page."""),
                    new Faq("How do I get a refund?", """
                            Open *Your account → Orders*, pick the order and choose **Request a refund** within the refund window
                            shown there. The seller or the shop decides; the money goes back to the way you paid, and what the
                            refund covered (license keys, downloads, API keys) stops working.""")),
            "Licenses and downloads", List.of(
                    new Faq("Where are my license keys?", """
                            Every key you bought is under *Your account → Orders*, next to its product. Copy the key into the
                            program's license screen. A key activates on as many devices as its plan allows; free a device
                            by deactivating it in the program or on the order's page."""),
                    new Faq("My download link does not work", """
                            Download links are signed and expire after a short time, so an old link from a mail or a bookmark
                            stops working. Open the order again for a fresh link. Each plan may limit how many times a file
                            can be downloaded; the order page shows what is left.""")),
            "For developers", List.of(
                    new Faq("How do I use my API key?", """
                            After buying an API product, make a key on *Your account → API keys*. It is shown **once**: keep it
                            safe. Send it as `Authorization: Bearer mk_live_...` with every call. A 429 answer means the rate
                            or the monthly quota is used up; its headers say when to try again.""")));

    private static final Map<String, List<Faq>> BY_PRODUCT = Map.of(
            "Pixel Icon Pack", List.of(new Faq("May I use the icons in a commercial app?", """
                    Yes. The icons are free for commercial use in apps, games, websites and slides. You may not sell them
                    on their own as an icon pack.""")),
            "Focus Timer Pro", List.of(
                    new Faq("How do I activate Focus Timer Pro?", """
                            Open *Settings → License* in the app, paste your license key and press **Activate**. The app checks
                            the key once online; after that it works offline."""),
                    new Faq("Can I move my license to a new computer?", """
                            Yes: deactivate it on the old computer (*Settings → License → Deactivate*), then activate it on the
                            new one. The personal license covers one person on all their devices.""")),
            "Starter Wallpapers", List.of(new Faq("Which screen sizes are included?", """
                    Each wallpaper comes in 1920×1080, 2560×1440 and 3840×2160.""")),
            DemoShop.SUBSCRIPTION_TITLE, List.of(new Faq("What happens when my trial ends?", """
                    The monthly plan's 14-day trial turns into a paid subscription unless you cancel before it ends, in
                    *Your account → Subscriptions*. Your notes stay on your devices either way.""")),
            DemoShop.API_TITLE, List.of(new Faq("How many quotes may I fetch?", """
                    The Starter plan allows 1,000 calls a month and 5 a second. The answer's `RateLimit` headers show what
                    is left.""")));

    private final HelpService help;
    private final CatalogService catalog;

    @Inject
    DemoHelp(HelpService help, CatalogService catalog) {
        this.help = help;
        this.catalog = catalog;
    }

    /** Writes what is missing: the shop-wide articles when there are none, each demo product's when it has none. */
    void seed(Principal admin, Principal seller) {
        try {
            if (help.globals(admin, null, 1).isEmpty()) {
                int position = 0;
                for (String name : List.of("Payments and refunds", "Licenses and downloads", "For developers")) {
                    ArticleCategory c = help.addCategory(admin, name, position++);
                    for (Faq f : GLOBAL.get(name)) {
                        help.create(admin, new ArticleInput(null, c.id(), f.title(), f.body(), true));
                    }
                }
            }
            for (Product p : catalog.sellerProducts(seller)) {
                List<Faq> faqs = BY_PRODUCT.getOrDefault(p.title(), List.of());
                if (!faqs.isEmpty() && help.faqOf(p.id()).isEmpty()) {
                    for (Faq f : faqs) {
                        help.create(seller, new ArticleInput(p.id(), null, f.title(), f.body(), true));
                    }
                }
            }
        } catch (ApiException e) {
            LOG.warn("demo help articles not seeded: {}", e.getMessage());
        }
    }
}
