package com.mintreu.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.plugin.CatalogTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog over HTTP on both databases, with storage-local and a test "ebook" product type installed. */
class CatalogTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        Path plugins = CatalogTestPlugins.writeTo(Files.createTempDirectory("catalog-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\ncatalog: {maxUploadBytes: 4096}\n"));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    static Map<String, Object> product(String title, String description, String... categories) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        m.put("type", "ebook");
        m.put("attributes", Map.of("pages", "120"));
        m.put("categories", List.of(categories));
        m.put("tags", List.of("  Game   Dev ", "Art"));
        return m;
    }

    /** Creates a product with one plan and a release; returns its id. */
    static String draft(TestClient seller, Map<String, Object> body, long price) {
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Personal", "priceMinor", price, "currency", "EUR", "grants", "one reader")).status()).isEqualTo(201);
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0", "application/octet-stream",
                "book".getBytes()).status()).isEqualTo(201);
        return id;
    }

    static String publish(TestEngine e, TestClient seller, TestClient admin, Map<String, Object> body, long price) {
        String id = draft(seller, body, price);
        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return id;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sellerCreatesUploadsSubmitsAndAdminApproves(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestClient seller = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response created = seller.postJson("/api/v1/seller/products", product("Über Cool Book", "A *great* read", "ebooks"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode p = created.json();
        String id = p.get("id").asText();
        assertThat(p.get("slug").asText()).isEqualTo("uber-cool-book");
        assertThat(p.get("status").asText()).isEqualTo("DRAFT");
        assertThat(p.get("tags").toString()).isEqualTo("[\"art\",\"game dev\"]");
        assertThat(p.get("descriptionHtml").asText()).contains("<em>great</em>");

        assertThat(seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Personal", "priceMinor", 1999, "currency", "EUR", "grants", "one reader")).status()).isEqualTo(201);
        Response notReady = seller.post("/api/v1/seller/products/" + id + "/submit", null, "");
        assertThat(notReady.status()).isEqualTo(422);
        assertThat(notReady.json().get("code").asText()).isEqualTo("NOT_READY_FOR_REVIEW");
        assertThat(notReady.body()).contains("upload the book first");

        byte[] file = "the whole book".repeat(50).getBytes();
        Response release = seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&notes=first",
                "application/octet-stream", file);
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        assertThat(release.json().get("size").asLong()).isEqualTo(file.length);
        assertThat(release.json().get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0", "application/octet-stream", file)
                .json().get("code").asText()).isEqualTo("VERSION_EXISTS");
        Response image = seller.postBytes("/api/v1/seller/products/" + id + "/images", "image/png", PNG);
        assertThat(image.status()).as(image.body()).isEqualTo(201);
        String imageId = image.json().get("id").asText();

        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").json().get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(e.client().get("/api/v1/products/uber-cool-book").status()).as("not public in review").isEqualTo(404);
        assertThat(e.client().get("/media/" + imageId).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/admin/products?status=in_review").body()).contains(id);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").json().get("status").asText()).isEqualTo("PUBLISHED");
        Response again = admin.post("/api/v1/admin/products/" + id + "/approve", null, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");

        Response pub = e.client().get("/api/v1/products/uber-cool-book");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.json().get("latestVersion").asText()).isEqualTo("1.0.0");
        assertThat(pub.json().get("plans").get(0).get("price").get("minor").asLong()).isEqualTo(1999);
        Response media = e.client().get("/media/" + imageId);
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.header("Content-Type")).isEqualTo("image/png");
        assertThat(e.client().get("/api/v1/products?q=cool").body()).contains(id);
        assertThat(e.client().get("/").body()).contains("Über Cool Book");
        assertThat(e.client().get("/products/uber-cool-book").body()).contains("1.0.0").contains("<em>great</em>");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectionReasonIsShownToTheSellerWhoMayFixAndResubmit(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient seller = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String id = draft(seller, product("Rejectable " + kind, "text"), 500);
        seller.post("/api/v1/seller/products/" + id + "/submit", null, "");
        Response noReason = admin.postJson("/api/v1/admin/products/" + id + "/reject", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(admin.postJson("/api/v1/admin/products/" + id + "/reject", Map.of("reason", "Cover <b>is</b> blurry"))
                .json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(seller.get("/api/v1/seller/products/" + id).json().get("product").get("rejectReason").asText()).isEqualTo("Cover <b>is</b> blurry");
        String page = seller.get("/seller/products/" + id).body();
        assertThat(page).contains("Cover &lt;b&gt;is&lt;/b&gt; blurry");
        Map<String, Object> fixed = product("Rejectable " + kind, "better text");
        assertThat(seller.putJson("/api/v1/seller/products/" + id, fixed).status()).isEqualTo(200);
        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").json().get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(seller.putJson("/api/v1/seller/products/" + id, fixed).status()).as("no edits in review").isEqualTo(409);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyTheOwnerOrAnAdminMayChangeAProduct(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient a = TestUsers.signIn(e, "seller").client();
        String id = draft(a, product("Owned " + kind, "x"), 100);
        String path = "/api/v1/seller/products/" + id;
        Map<String, Object> body = product("Hijacked", "x");
        TestClient b = TestUsers.signIn(e, "seller").client();
        TestClient customer = TestUsers.signIn(e, "customer").client();
        assertThat(b.putJson(path, body).status()).isEqualTo(404);
        assertThat(b.get(path).status()).isEqualTo(404);
        assertThat(b.postBytes(path + "/releases?version=9", "application/octet-stream", "x".getBytes()).status()).isEqualTo(404);
        assertThat(b.post(path + "/submit", null, "").status()).isEqualTo(404);
        assertThat(customer.putJson(path, body).status()).isEqualTo(403);
        assertThat(e.client().putJson(path, body).status()).isEqualTo(401);
        assertThat(customer.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(403);
        assertThat(e.client().get("/api/v1/products/owned-" + kind).status()).isEqualTo(404);
        assertThat(b.get("/products/owned-" + kind).status()).isEqualTo(404);
        assertThat(a.get("/products/owned-" + kind).status()).as("the owner previews").isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void searchRanksFiltersSortsAndPages(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient seller = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String inBody = publish(e, seller, admin, product("Animals of Africa", "all about the quokkazebra and friends", "ebooks"), 900);
        String inTitle = publish(e, seller, admin, product("Quokkazebra Handbook", "a guide", "software"), 1500);
        List<String> ranked = ids(e.client().get("/api/v1/products?q=quokkazebra"));
        assertThat(ranked).containsExactly(inTitle, inBody);
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&category=software"))).containsExactly(inTitle);
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&max=1000"))).containsExactly(inBody);
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&min=1000"))).containsExactly(inTitle);
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&type=nope"))).isEmpty();
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&sort=price_desc"))).containsExactly(inTitle, inBody);
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&sort=price_asc"))).containsExactly(inBody, inTitle);
        assertThat(ids(e.client().get("/api/v1/products?q=quokkazebra&sort=newest"))).containsExactly(inTitle, inBody);
        assertThat(e.client().get("/search?q=quokkazebra").body()).contains("Quokkazebra Handbook");

        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(publish(e, seller, admin, product("Paged " + i + " " + kind, "pagerword volume " + i), 100 + (i % 3) * 100));
        }
        for (String sort : List.of("relevance", "newest", "price_asc", "price_desc")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Response r = e.client().get("/api/v1/products?q=pagerword&limit=3&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                seen.addAll(ids(r));
                cursor = r.json().path("nextCursor").isNull() || r.json().path("nextCursor").isMissingNode() ? null : r.json().get("nextCursor").asText();
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(seen).as(sort).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            assertThat(pages).isEqualTo(3);
        }
        Response badCursor = e.client().get("/api/v1/products?cursor=bm9wZQ");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().get("code").asText()).isEqualTo("INVALID_CURSOR");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void markdownIsSanitized(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String md = "Hi <script>alert(1)</script>\n\n[click](javascript:alert(2)) [ok](https://example.com) <img src=x onerror=alert(3)>";
        Response r = seller.postJson("/api/v1/seller/products", product("Sanitized " + kind, md));
        String html = r.json().get("descriptionHtml").asText();
        assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("onerror=").doesNotContain("<img")
                .contains("href=\"https://example.com\"");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void uploadLimitsAndBadImagesStoreNothing(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String id = seller.postJson("/api/v1/seller/products", product("Limits " + kind, "x")).json().get("id").asText();
        Response big = seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=2", "application/octet-stream", new byte[5000]);
        assertThat(big.status()).as(big.body()).isEqualTo(413);
        assertThat(big.json().get("code").asText()).isIn("PAYLOAD_TOO_LARGE", "UPLOAD_TOO_LARGE");
        Response gif = seller.postBytes("/api/v1/seller/products/" + id + "/images", "image/png", "GIF89a-not-allowed".getBytes());
        assertThat(gif.status()).isEqualTo(415);
        assertThat(gif.json().get("code").asText()).isEqualTo("UNSUPPORTED_IMAGE");
        Response details = seller.get("/api/v1/seller/products/" + id);
        assertThat(details.json().get("releases")).isEmpty();
        assertThat(details.json().get("images")).isEmpty();
        Path objects = e.dir().resolve("data/plugins/storage-local/storage/objects/catalog/releases/" + id);
        assertThat(Files.exists(objects) ? objects.toFile().list() : new String[0]).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badInputIsA4xxWithACode(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient seller = TestUsers.signIn(e, "seller").client();
        Map<String, Integer> cases = new LinkedHashMap<>();
        String create = "/api/v1/seller/products";
        check(seller.postJson(create, "{not json"), 400, "MALFORMED_JSON");
        check(seller.postJson(create, "{\"title\":\"x\",\"evil\":1}"), 400, "UNKNOWN_FIELD");
        Map<String, Object> longTitle = product("x".repeat(500), "");
        check(seller.postJson(create, longTitle), 422, "VALIDATION_FAILED");
        Map<String, Object> badSlug = product("Fine", "");
        badSlug.put("slug", "Not A Slug!");
        check(seller.postJson(create, badSlug), 422, "VALIDATION_FAILED");
        Map<String, Object> unknownType = product("Fine", "");
        unknownType.put("type", "warp-drive");
        check(seller.postJson(create, unknownType), 422, "UNKNOWN_PRODUCT_TYPE");
        Map<String, Object> badAttr = product("Fine", "");
        badAttr.put("attributes", Map.of("pages", "many"));
        check(seller.postJson(create, badAttr), 422, "VALIDATION_FAILED");
        check(seller.postJson(create, product("Fine", "", "no-such-category")), 422, "UNKNOWN_CATEGORY");
        check(seller.postJson(create, "[1,2]"), 400, "MALFORMED_JSON");
        String id = seller.postJson(create, product("Battery " + kind, "")).json().get("id").asText();
        check(seller.postJson(create, product("Battery " + kind, "")), 409, "SLUG_TAKEN");
        String plans = create + "/" + id + "/plans";
        check(seller.postJson(plans, Map.of("name", "P", "priceMinor", -1, "currency", "EUR")), 422, "VALIDATION_FAILED");
        check(seller.postJson(plans, Map.of("name", "P", "priceMinor", 100, "currency", "ZZZ")), 422, "VALIDATION_FAILED");
        check(seller.postJson(plans, "{\"name\":\"P\",\"priceMinor\":\"ten\",\"currency\":\"EUR\"}"), 422, "VALIDATION_FAILED");
        check(seller.postJson(plans, Map.of("name", "P".repeat(100), "priceMinor", 100, "currency", "EUR")), 422, "VALIDATION_FAILED");
        check(seller.postBytes(create + "/" + id + "/releases", "application/octet-stream", "x".getBytes()), 422, "VALIDATION_FAILED");
        check(seller.post(create, "text/plain", "hi"), 415, "UNSUPPORTED_MEDIA_TYPE");
        check(e.client().get("/api/v1/products?min=-5"), 422, "VALIDATION_FAILED");
        check(e.client().get("/api/v1/products?sort=random"), 422, "VALIDATION_FAILED");
        check(e.client().get("/api/v1/products?limit=100000"), 422, "VALIDATION_FAILED");
        check(e.client().get("/api/v1/products?q=" + "%22%2A%29(OR".repeat(10)), 200, null);
        assertThat(cases).isEmpty();
    }

    private static void check(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (code != null) {
            assertThat(r.json().get("code").asText()).as(r.body()).isEqualTo(code);
        }
    }

    private static List<String> ids(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("data").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
