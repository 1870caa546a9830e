package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Help articles in {@link ApiWalkTest}: categories, a seller's product article, an admin's shop-wide one, search, edit, delete. */
final class HelpWalk {

    private HelpWalk() {}

    private static Map<String, Object> article(String productId, String categoryId, String title, String body) {
        Map<String, Object> m = new HashMap<>();
        m.put("productId", productId);
        m.put("categoryId", categoryId);
        m.put("title", title);
        m.put("body", body);
        return m;
    }

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        TestClient customer = p.customer().client();
        TestClient admin = p.admin();
        String product = seller.get("/api/v1/seller/products").json().get("data").get(0).get("id").asText();

        String cats = "/api/v1/admin/help/categories";
        w.post(admin, cats, Map.of("name", " "), 422);
        w.post(admin, cats, Map.of("name", "Walking", "position", 5000), 422);
        w.check("POST", cats, 415, admin.post(cats, "text/plain", "name=Walking"));
        w.post(seller, cats, Map.of("name", "Walking"), 403);
        w.post(p.anon(), cats, Map.of("name", "Walking"), 401);
        String category = w.post(admin, cats, Map.of("name", "Walking", "position", 1), 201).json().get("id").asText();
        w.get(p.anon(), "/api/v1/help/categories", 200);
        w.get(p.anon(), "/api/v1/help/categories?limit=0", 422);
        w.get(p.anon(), "/api/v1/help/categories?cursor=not-a-cursor", 400);

        String articles = "/api/v1/help/articles";
        Map<String, Object> body = article(product, category, "Does the walk reach every step?", "Yes, **every** step is walked.");
        w.post(seller, articles, article(product, null, " ", "x"), 422);
        w.post(seller, articles, article(product, "hcat_nothing", "A title", "x"), 422);
        w.check("POST", articles, 415, seller.post(articles, "text/plain", "title=x"));
        w.post(p.anon(), articles, body, 401);
        w.post(customer, articles, body, 403);
        w.post(seller, articles, article(null, null, "Shop-wide", "Only an admin writes these."), 403);
        w.post(seller, articles, article("prd_nobody", null, "A title", "x"), 404);
        String id = w.post(seller, articles, body, 201).json().get("id").asText();
        String global = w.post(admin, articles, article(null, category, "Walking the shop", "The shop-wide walk answer."), 201)
                .json().get("id").asText();

        w.get(p.anon(), articles, 200);
        w.get(p.anon(), articles + "?q=walk", 200);
        w.get(p.anon(), articles + "?q=" + java.net.URLEncoder.encode("\"walk\" AND -*", StandardCharsets.UTF_8), 200);
        w.get(p.anon(), articles + "?q=walk&product=" + product, 200);
        w.get(p.anon(), articles + "?category=" + category, 200);
        w.get(p.anon(), articles + "?limit=0", 422);
        w.get(p.anon(), articles + "?cursor=not-a-cursor", 400);
        w.get(p.anon(), articles + "/" + global, 200);
        w.get(seller, articles + "/" + id, 200);
        w.get(p.anon(), articles + "/art_nothing", 404);

        String one = articles + "/" + id;
        w.put(seller, one, article(product, category, "Does the walk still reach every step?", "Yes."), 200);
        w.put(seller, one, article(product, null, "", "Yes."), 422);
        w.check("PUT", one, 415, seller.send("PUT", one, "text/plain", "title=x".getBytes(StandardCharsets.UTF_8), Map.of()));
        w.put(p.anon(), one, body, 401);
        w.put(customer, one, body, 403);
        w.put(seller, articles + "/" + global, article(null, null, "Taken over", "No."), 404);

        String mine = "/api/v1/seller/help/articles";
        w.get(seller, mine, 200);
        w.get(seller, mine + "?limit=0", 422);
        w.get(seller, mine + "?cursor=not-a-cursor", 400);
        w.get(p.anon(), mine, 401);
        w.get(customer, mine, 403);

        w.delete(seller, articles + "/" + global, 404);
        w.delete(p.anon(), one, 401);
        w.delete(customer, one, 403);
        w.delete(seller, one, 204);
        w.delete(seller, one, 404);

        w.delete(seller, cats + "/" + category, 403);
        w.delete(p.anon(), cats + "/" + category, 401);
        w.delete(admin, cats + "/" + category, 204);
        w.delete(admin, cats + "/" + category, 404);
    }
}
