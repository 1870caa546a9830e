package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalog in {@link ApiWalkTest}: a seller's products from draft to published, rejected and withdrawn; the shop's reads. */
final class CatalogWalk {

    /** The published plans the rest of the walk buys: a download and a software product whose licenses expire after 30 days. */
    record Shelf(String downloadPlan, String softwarePlan) {}

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private CatalogWalk() {}

    static Shelf walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        TestClient admin = p.admin();
        Map<String, Object> product = product("download");
        Response created = w.post(seller, "/api/v1/seller/products", product, 201);
        w.post(seller, "/api/v1/seller/products", Map.of("title", ""), 422);
        w.post(p.customer().client(), "/api/v1/seller/products", product, 403);
        String id = created.json().get("id").asText();
        String at = "/api/v1/seller/products/" + id;
        w.put(seller, at, product, 200);
        w.get(seller, at, 200);
        w.get(seller, "/api/v1/seller/products", 200);
        Response plan = w.post(seller, at + "/plans", Map.of("name", "Standard", "priceMinor", 1500, "currency", "EUR", "grants", "all icons"), 201);
        Response extra = w.post(seller, at + "/plans", Map.of("name", "Extra", "priceMinor", 900, "currency", "EUR", "grants", "some"), 201);
        w.delete(seller, at + "/plans/" + extra.json().get("id").asText(), 204);
        w.check("POST", at + "/images", 201, seller.postBytes(at + "/images", "image/png", PNG));
        w.check("POST", at + "/releases", 201, seller.postBytes(at + "/releases?version=1.0.0&fileName=icons.zip", "application/octet-stream",
                "PK-icons".getBytes(StandardCharsets.UTF_8)));
        w.post(seller, at + "/submit", 200);
        w.get(admin, "/api/v1/admin/products", 200);
        w.get(admin, "/api/v1/admin/products?status=nope", 422);
        Response published = w.post(admin, "/api/v1/admin/products/" + id + "/approve", 200);
        w.post(admin, "/api/v1/admin/products/" + id + "/approve", 409);

        w.get(p.anon(), "/api/v1/products?limit=2", 200);
        w.get(p.anon(), "/api/v1/products?limit=0", 422);
        w.get(p.anon(), "/api/v1/products/" + published.json().get("slug").asText(), 200);
        w.get(p.anon(), "/api/v1/products/no-such-thing", 404);
        w.get(p.anon(), "/api/v1/categories", 200);
        w.get(p.anon(), "/api/v1/product-types", 200);

        rejectedAndWithdrawn(p);
        return new Shelf(plan.json().get("id").asText(), software(p));
    }

    /** A product an admin turns down, submitted again and withdrawn to draft by its seller. */
    private static void rejectedAndWithdrawn(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        String[] draft = complete(p, "download", "icons.zip");
        String at = "/api/v1/seller/products/" + draft[0];
        w.post(seller, at + "/withdraw", 409); // a draft has nothing to withdraw
        w.post(seller, at + "/submit", 200);
        w.post(p.admin(), "/api/v1/admin/products/" + draft[0] + "/reject", Map.of("reason", "Blurry cover."), 200);
        w.post(seller, at + "/submit", 200);
        w.post(seller, at + "/withdraw", 200);
    }

    /** A draft of {@code type} with a plan and a release: ready to submit. Returns its id and its plan's id. */
    private static String[] complete(Walkers p, String type, String fileName) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        String id = w.post(seller, "/api/v1/seller/products", product(type), 201).json().get("id").asText();
        String at = "/api/v1/seller/products/" + id;
        String plan = w.post(seller, at + "/plans", Map.of("name", "Yearly", "priceMinor", 2500, "currency", "EUR", "grants", "one user"), 201)
                .json().get("id").asText();
        w.check("POST", at + "/releases", 201, seller.postBytes(at + "/releases?version=1.0.0&fileName=" + fileName, "application/octet-stream",
                "binary".getBytes(StandardCharsets.UTF_8)));
        return new String[] {id, plan};
    }

    /** A published software product whose plan's policy expires licenses after 30 days, allows transfers and two seats. */
    private static String software(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        String[] draft = complete(p, "software", "app.tar.gz");
        String policy = "/api/v1/seller/plans/" + draft[1] + "/license-policy";
        w.get(seller, policy, 200);
        w.put(seller, policy, Map.of("durationSeconds", 30 * 86_400, "transferAllowed", true, "maxUsers", 2, "floating", true, "maxMachines", 2), 200);
        w.put(seller, policy, Map.of("durationSeconds", 0), 422);
        w.post(seller, "/api/v1/seller/products/" + draft[0] + "/submit", 200);
        w.post(p.admin(), "/api/v1/admin/products/" + draft[0] + "/approve", 200);
        return draft[1];
    }

    private static Map<String, Object> product(String type) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("title", "Walk " + type + " " + System.nanoTime());
        product.put("description", "Walked.");
        product.put("type", type);
        product.put("attributes", Map.of());
        product.put("categories", List.of());
        product.put("tags", List.of("walk"));
        return product;
    }
}
