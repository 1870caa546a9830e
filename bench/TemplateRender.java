import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Category;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.catalog.ProductCard;
import com.mintreu.engine.catalog.ProductImage;
import com.mintreu.engine.catalog.ProductStatus;
import com.mintreu.engine.catalog.Release;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Template rendering on its own, for bench/README.md: the default theme's product.peb (and
 * home.peb with 12 cards) rendered N times on one thread by a Pebble engine set up as the engine's
 * Templates does (file loader, autoescaping, the engine's filters; Pebble's template and member
 * caches on), with a model shaped like the demo shop's. Prints microseconds per render.
 * From the checkout's root, on the distribution's jars:
 * java -cp "distribution/target/mintreu-VERSION/lib/*" bench/TemplateRender.java [N [TEMPLATES_DIR]]
 */
public class TemplateRender {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        String dir = args.length > 1 ? args[1] : "themes/default/src/main/resources/themes/default/templates";
        FileLoader loader = new FileLoader(java.nio.file.Path.of(dir).toAbsolutePath().toString());
        loader.setSuffix(".peb");
        // the engine's filters are package-private: the bench reaches them as the engine would build them
        Constructor<?> filters = Class.forName("com.mintreu.engine.web.TemplateFilters").getDeclaredConstructor();
        filters.setAccessible(true);
        PebbleEngine pebble = new PebbleEngine.Builder().loader(loader).autoEscaping(true)
                .extension((Extension) filters.newInstance()).strictVariables(false).build();

        String html = "<p>A set of <strong>240 pixel icons</strong> for apps and games, drawn on a 16 px grid.</p>"
                + "<ul><li>PNG at 1x, 2x and 4x</li><li>SVG sources</li><li>A Figma library</li></ul>"
                + "<p>Use them in <em>commercial</em> projects; see the <a href=\"https://example.com/license\" rel=\"nofollow noopener ugc\">license</a>.</p>";
        long now = System.currentTimeMillis();
        Product p = new Product("prd_01jbench", "usr_01jseller", "Pixel Studio", "pixel-icon-pack", "Pixel Icon Pack", "md", html,
                "download", Map.of(), ProductStatus.PUBLISHED, null, new Money(1900, "EUR"), List.of("graphics"), List.of("icons", "pixel"),
                now, now, now);
        List<Plan> plans = List.of(new Plan("pln_1", p.id(), "Personal", new Money(1900, "EUR"), "one user", now),
                new Plan("pln_2", p.id(), "Team", new Money(7900, "EUR"), "up to 10 users", now));
        List<Release> releases = List.of(new Release("rel_1", p.id(), "1.2.0", "", "icons.zip", "k", 1 << 20, "ab", now));
        List<ProductImage> images = List.of(new ProductImage("img_1", p.id(), "k", "image/png", 4096, "cd", now));
        CatalogService.Details d = new CatalogService.Details(p, plans, releases, images);
        Map<String, Object> product = page(Map.of("d", d, "p", p));

        List<ProductCard> cards = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cards.add(new ProductCard("prd_" + i, "product-" + i, "Product number " + i, "download", new Money(990 + i, "EUR"),
                    "Seller " + i, i % 2 == 0 ? "img_" + i : null, now));
        }
        List<Category> categories = List.of(new Category("cat_1", "graphics", "Graphics", 1), new Category("cat_2", "apis", "APIs", 2),
                new Category("cat_3", "software", "Software", 3));
        Map<String, Object> home = page(Map.of("products", cards, "categories", categories));

        System.out.printf("%d renders per round, one thread, %d cores, %s%n", n, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        for (String[] t : new String[][] {{"product", "product"}, {"home", "home"}}) {
            PebbleTemplate template = pebble.getTemplate(t[0]);
            Map<String, Object> model = t[1].equals("product") ? product : home;
            int bytes = render(template, model).length();
            for (int i = 0; i < n; i++) {
                render(template, model);   // warm-up: the JIT compiles the render path
            }
            double best = Double.MAX_VALUE;
            for (int round = 1; round <= 5; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    render(template, model);
                }
                double us = (System.nanoTime() - start) / 1e3 / n;
                best = Math.min(best, us);
                System.out.printf("%-12s round %d: %6.1f us per render (%,.0f renders/s), %,d characters%n", t[0] + ".peb", round, us, 1e6 / us, bytes);
            }
            // the best round is the least disturbed by whatever else the box runs
            System.out.printf("%-12s best:    %6.1f us per render (%,.0f renders/s)%n", t[0] + ".peb", best, 1e6 / best);
        }
    }

    /** What Exchange.render adds to every page's model: an anonymous visitor, a CSRF token, the path. */
    private static Map<String, Object> page(Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("csrf", "yqjrAQQ-SWlFjUWi34wx5UjRNCM8VKYj5czBeh4R_Go");
        all.put("csrfField", "_csrf");
        all.put("path", "/products/pixel-icon-pack");
        return all;
    }

    private static String render(PebbleTemplate template, Map<String, Object> model) throws Exception {
        StringWriter out = new StringWriter(8192);
        template.evaluate(out, model);
        return out.toString();
    }
}
