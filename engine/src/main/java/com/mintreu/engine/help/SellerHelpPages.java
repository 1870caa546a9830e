package com.mintreu.engine.help;

import com.mintreu.api.helpdesk.Article;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;

/** {@code /seller/help}: the FAQ articles a seller wrote about their products; the form is {@link ArticleForms}. */
final class SellerHelpPages implements Routes {

    private final HelpService help;
    private final CatalogService catalog;
    private final ArticleForms forms;

    @Inject
    SellerHelpPages(HelpService help, CatalogService catalog) {
        this.help = help;
        this.catalog = catalog;
        this.forms = new ArticleForms(help, catalog, "/seller/help", "seller");
    }

    @Override
    public void register(Router router) {
        router.get("/seller/help", x -> {
            Principal seller = x.requireRole("seller");
            List<Product> products = catalog.sellerProducts(seller);
            Map<String, Product> byId = products.stream().collect(Collectors.toMap(Product::id, Function.identity()));
            List<Article> articles = help.ofSeller(seller, null, HelpService.LIST_MAX).stream().filter(a -> byId.containsKey(a.productId())).toList();
            Map<String, Object> model = new HashMap<>();
            model.put("articles", articles);
            model.put("products", byId);
            model.put("hasProducts", !products.isEmpty());
            model.put("notice", Notices.of(x));
            x.render("seller/help", model);
        });
        forms.register(router);
    }
}
