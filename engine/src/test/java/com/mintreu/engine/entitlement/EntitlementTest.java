package com.mintreu.engine.entitlement;

import static com.mintreu.engine.entitlement.Purchases.count;
import static com.mintreu.engine.entitlement.Purchases.deliverPaid;
import static com.mintreu.engine.entitlement.Purchases.paidOrder;
import static com.mintreu.engine.entitlement.Purchases.receipts;
import static com.mintreu.engine.entitlement.Purchases.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * From a paid order to what the customer can use, on both databases, with the real
 * product-download, license-ed25519 and storage-local plugins: fulfilment, signed downloads,
 * license validation and who may see what.
 */
class EntitlementTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final Map<String, Shop> SHOPS = new LinkedHashMap<>();
    static final byte[] FILE = fileBytes();

    /** One seller's two products in one engine. */
    record Shop(TestUsers.User seller, Item download, Item software) {}

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    static byte[] fileBytes() {
        byte[] b = new byte[200_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + i / 7);
        }
        return b;
    }

    @BeforeAll
    static void boot() throws Exception {
        Path plugins = EntitlementTestPlugins.writeTo(Files.createTempDirectory("entitlement-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            // the background outbox pass is off: the tests deliver, so counts are theirs alone
            TestEngine e = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\noutbox: {pollInterval: 1h, retryBase: 30s}\n");
            ENGINES.put(kind, e);
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            TestClient admin = TestUsers.signIn(e, "admin").client();
            Item download = Purchases.publish(seller.client(), seller.id(), admin, "download", "Sound Pack",
                    Map.of("maxDownloads", "2"), "Sound Pack \"v1\".zip", FILE);
            Item software = Purchases.publish(seller.client(), seller.id(), admin, "software", "Pixel Editor",
                    Map.of("licenseDays", "30"), "pixel-editor.tar.gz", FILE);
            SHOPS.put(kind, new Shop(seller, download, software));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void redeliveredAndConcurrentOrderPaidGrantsExactlyOnce(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Shop shop = SHOPS.get(kind);
        TestUsers.User customer = TestUsers.signIn(e, "customer");

        String first = paidOrder(e, customer.id(), shop.download(), shop.software());
        for (int i = 0; i < 3; i++) {
            deliverPaid(e, first);
        }
        assertGrantedOnce(e, first);

        String second = paidOrder(e, customer.id(), shop.download(), shop.software());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    deliverPaid(e, second);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertGrantedOnce(e, second);
        // and the real dispatcher delivering the original rows afterwards changes nothing
        e.engine().component().outboxDispatcher().deliverDue();
        assertGrantedOnce(e, first);
        assertGrantedOnce(e, second);

        Response mine = customer.client().get("/api/v1/orders/" + first + "/entitlements");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("data")).hasSize(3);
        JsonNode license = stream(mine.json().get("data")).filter(n -> n.get("kind").asText().equals("license")).findFirst().orElseThrow();
        assertThat(license.get("license").get("key").asText()).startsWith("MK1.");
        assertThat(license.get("expiresAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isEqualTo(e.jdbi().withHandle(h -> h.createQuery("SELECT paid_at FROM orders WHERE id = :id")
                .bind("id", first).mapTo(Long.class).one()) + Duration.ofDays(30).toMillis());
    }

    static void assertGrantedOnce(TestEngine e, String orderId) {
        assertThat(status(e, orderId)).isEqualTo("fulfilled");
        assertThat(count(e, "SELECT COUNT(*) FROM entitlements WHERE order_id = ?", orderId)).as("download + download + license").isEqualTo(3);
        assertThat(count(e, "SELECT COUNT(*) FROM licenses l JOIN entitlements x ON x.id = l.entitlement_id WHERE x.order_id = ?", orderId))
                .isEqualTo(1);
        assertThat(receipts(e, orderId)).as("one receipt").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aMissingProductTypeIsRetriedAndNothingIsLost(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Shop shop = SHOPS.get(kind);
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        Item gone = new Item(shop.download().productId(), shop.download().planId(), shop.seller().id(), "uninstalled-type", "Old thing", 900);
        String orderId = paidOrder(e, customer.id(), gone);

        e.engine().component().outboxDispatcher().deliverDue();
        assertThat(status(e, orderId)).isEqualTo("paid");
        assertThat(count(e, "SELECT COUNT(*) FROM entitlements WHERE order_id = ?", orderId)).isZero();
        String error = e.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.last_error FROM outbox_deliveries d JOIN outbox o ON o.id = d.event_id
                WHERE d.subscriber = 'fulfilment' AND d.status = 'pending' AND o.payload LIKE :p""")
                .bind("p", "%" + orderId + "%").mapTo(String.class).one());
        assertThat(error).contains("uninstalled-type");

        // the type comes back (here: the line points at an installed one); the retry grants
        e.jdbi().useHandle(h -> h.createUpdate("UPDATE order_lines SET product_type = 'download' WHERE order_id = :o").bind("o", orderId).execute());
        e.clock().advance(Duration.ofMinutes(1));
        e.engine().component().outboxDispatcher().deliverDue();
        assertThat(status(e, orderId)).isEqualTo("fulfilled");
        assertThat(count(e, "SELECT COUNT(*) FROM entitlements WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(receipts(e, orderId)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void signedDownloadLinks(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Shop shop = SHOPS.get(kind);
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        String orderId = paidOrder(e, customer.id(), shop.download());
        deliverPaid(e, orderId);
        JsonNode ent = customer.client().get("/api/v1/orders/" + orderId + "/entitlements").json().get("data").get(0);
        String link = ent.get("downloadUrl").asText();
        assertThat(link).as("absolute: the public URL + path").matches(java.util.regex.Pattern.quote(e.base().toString().replaceAll("/$", "")) + "/downloads/ent_[0-9A-Za-z]+\\?exp=[0-9]+&kid=k1&sig=[A-Za-z0-9_-]{43}");
        assertThat(ent.get("maxDownloads").asInt()).isEqualTo(2);

        HttpResponse<byte[]> full = fetch(e, link, null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(sha256(full.body())).isEqualTo(sha256(FILE));
        assertThat(full.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(full.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Sound Pack _v1_.zip\"; filename*=UTF-8''Sound%20Pack%20%22v1%22.zip");
        assertThat(full.headers().firstValue("Content-Length")).hasValue(Integer.toString(FILE.length));
        assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        HttpResponse<byte[]> resume = fetch(e, link, "bytes=100000-");
        assertThat(resume.statusCode()).isEqualTo(206);
        assertThat(resume.headers().firstValue("Content-Range")).hasValue("bytes 100000-199999/200000");
        assertThat(resume.body()).isEqualTo(java.util.Arrays.copyOfRange(FILE, 100_000, 200_000));
        assertThat(fetch(e, link, "bytes=200000-").statusCode()).isEqualTo(416);
        assertThat(uses(e, ent)).as("a resume and a 416 take no download").isEqualTo(1);

        String sig = link.substring(link.indexOf("&sig=") + 5);
        String tampered = link.replace("&sig=" + sig, "&sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1));
        assertThat(problem(fetch(e, tampered, null))).isEqualTo("403 LINK_INVALID");
        assertThat(problem(fetch(e, link.replace("kid=k1", "kid=k2"), null))).isEqualTo("403 LINK_INVALID");
        String otherExp = link.replaceFirst("exp=([0-9]+)", "exp=9999999999");
        assertThat(problem(fetch(e, otherExp, null))).isEqualTo("403 LINK_INVALID");
        // signed with the real key (a leaked master secret), but living until 2100: never minted here
        String entId = ent.get("id").asText();
        assertThat(problem(fetch(e, forged(e, entId, 4_102_444_800L), null))).as("exp beyond linkTtl").isEqualTo("403 LINK_INVALID");
        long inAnHour = e.clock().instant().plus(Duration.ofHours(1)).getEpochSecond();
        assertThat(fetch(e, forged(e, entId, inAnHour), "bytes=100000-").statusCode()).as("the same forgery within linkTtl verifies")
                .isEqualTo(206);

        HttpResponse<byte[]> firstBytes = fetch(e, link, "bytes=0-9");
        assertThat(firstBytes.statusCode()).isEqualTo(206);
        assertThat(firstBytes.body()).isEqualTo(java.util.Arrays.copyOf(FILE, 10));
        assertThat(uses(e, ent)).as("a range from byte 0 is a download").isEqualTo(2);
        assertThat(problem(fetch(e, link, null))).isEqualTo("410 DOWNLOAD_LIMIT_REACHED");
        assertThat(customer.client().get("/api/v1/entitlements/" + ent.get("id").asText()).json().path("downloadUrl").asText(null) == null)
                .as("no link is minted once the limit is reached").isTrue();

        // a fresh purchase's link expires after 24 h
        String again = paidOrder(e, customer.id(), shop.download());
        deliverPaid(e, again);
        String fresh = customer.client().get("/api/v1/orders/" + again + "/entitlements").json().get("data").get(0).get("downloadUrl").asText();
        e.clock().advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(problem(fetch(e, fresh, null))).isEqualTo("403 LINK_EXPIRED");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void validateAnswersEveryCodeAndNeverFails(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Shop shop = SHOPS.get(kind);
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        TestClient anyone = e.client();
        String[] keys = new String[4];
        String[] licenseIds = new String[4];
        String[] entitlementIds = new String[4];
        for (int i = 0; i < 4; i++) {
            String order = paidOrder(e, customer.id(), shop.software());
            deliverPaid(e, order);
            JsonNode license = stream(customer.client().get("/api/v1/orders/" + order + "/entitlements").json().get("data"))
                    .filter(n -> n.get("kind").asText().equals("license")).findFirst().orElseThrow();
            keys[i] = license.get("license").get("key").asText();
            licenseIds[i] = license.get("license").get("id").asText();
            entitlementIds[i] = license.get("id").asText();
        }
        assertThat(validate(anyone, Map.of("key", keys[0]))).isEqualTo("true VALID");
        JsonNode info = anyone.postJson("/api/v1/licenses/validate", Map.of("key", keys[0])).json().get("license");
        assertThat(info.get("id").asText()).isEqualTo(licenseIds[0]);
        assertThat(info.get("product").asText()).isEqualTo(shop.software().productId());

        assertThat(admin.post("/api/v1/admin/licenses/" + licenseIds[1] + "/suspend", null, "").status()).isEqualTo(200);
        assertThat(validate(anyone, Map.of("key", keys[1]))).isEqualTo("false SUSPENDED");
        assertThat(admin.postJson("/api/v1/admin/entitlements/" + entitlementIds[2] + "/revoke", Map.of("reason", "refund")).status()).isEqualTo(200);
        assertThat(validate(anyone, Map.of("key", keys[2]))).isEqualTo("false REVOKED");
        // signed by this engine's scheme but unknown to it (here: its row is gone)
        e.jdbi().useHandle(h -> h.createUpdate("DELETE FROM licenses WHERE id = :id").bind("id", licenseIds[3]).execute());
        assertThat(validate(anyone, Map.of("key", keys[3]))).isEqualTo("false NOT_FOUND");
        String sig = keys[0].substring(keys[0].lastIndexOf('.') + 1);
        String forged = keys[0].substring(0, keys[0].lastIndexOf('.') + 1) + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
        assertThat(validate(anyone, Map.of("key", forged))).isEqualTo("false NOT_FOUND");

        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put("key", null);
        for (Object body : List.of(Map.of("key", "garbage"), Map.of("key", ""), Map.of("key", 42), Map.of("key", List.of(keys[0])), nullKey,
                Map.of("other", "x"), "[]", "\"MK1.\"", Map.of("key", "MK1." + "A".repeat(300_000) + ".B"), Map.of("key", "x".repeat(900_000)))) {
            assertThat(validate(anyone, body)).as(body.toString().substring(0, Math.min(60, body.toString().length()))).isEqualTo("false MALFORMED");
        }
        Response wrongType = anyone.post("/api/v1/licenses/validate", "text/plain", "{\"key\":\"x\"}");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        Response badJson = anyone.post("/api/v1/licenses/validate", "application/json", "{\"key\": ");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().get("code").asText()).isEqualTo("MALFORMED_JSON");

        e.clock().advance(Duration.ofDays(31));
        assertThat(validate(anyone, Map.of("key", keys[0]))).isEqualTo("false EXPIRED");
    }

    static String validate(TestClient client, Object body) {
        Response r = client.postJson("/api/v1/licenses/validate", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("valid").asBoolean() + " " + r.json().get("code").asText();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyObjectIsCheckedAgainstTheCaller(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Shop shop = SHOPS.get(kind);
        TestUsers.User a = TestUsers.signIn(e, "customer");
        TestUsers.User b = TestUsers.signIn(e, "customer");
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        TestClient anonymous = e.client();
        Item sold = new Item(shop.software().productId(), shop.software().planId(), seller.id(), "software", "Pixel Editor", 2500);
        String order = paidOrder(e, a.id(), sold);
        e.engine().component().outboxDispatcher().deliverDue(); // every subscriber: fulfilment and the ledger
        JsonNode ents = a.client().get("/api/v1/orders/" + order + "/entitlements").json().get("data");
        JsonNode download = stream(ents).filter(n -> n.get("kind").asText().equals("download")).findFirst().orElseThrow();
        JsonNode license = stream(ents).filter(n -> n.get("kind").asText().equals("license")).findFirst().orElseThrow();
        String key = license.get("license").get("key").asText();

        Map<String, TestClient> callers = new LinkedHashMap<>();
        callers.put("owner", a.client());
        callers.put("other customer", b.client());
        callers.put("seller", seller.client());
        callers.put("admin", admin);
        callers.put("anonymous", anonymous);
        Map<String, Integer> expected = Map.of("owner", 200, "other customer", 404, "seller", 404, "admin", 200, "anonymous", 401);
        for (String path : List.of("/api/v1/entitlements/" + download.get("id").asText(), "/api/v1/entitlements/" + license.get("id").asText(),
                "/api/v1/licenses/" + license.get("license").get("id").asText(), "/api/v1/orders/" + order + "/entitlements")) {
            for (Map.Entry<String, TestClient> c : callers.entrySet()) {
                assertThat(c.getValue().get(path).status()).as(c.getKey() + " GET " + path).isEqualTo(expected.get(c.getKey()));
            }
        }
        assertThat(a.client().get("/api/v1/entitlements").body()).contains(key);
        assertThat(b.client().get("/api/v1/entitlements").body()).doesNotContain(key).doesNotContain(order);
        assertThat(b.client().get("/api/v1/licenses").body()).doesNotContain(key);
        assertThat(admin.get("/api/v1/entitlements/" + download.get("id").asText()).json().path("downloadUrl").asText(null))
                .as("links are minted for the owner only").isNull();

        Response page = a.client().get("/account/orders/" + order);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("input.key").attr("value")).isEqualTo(key);
        assertThat(page.html().select("button[data-copy]").attr("data-copy")).isEqualTo(key);
        assertThat(page.html().select("script[src=/static/js/copy.js]")).hasSize(1);
        assertThat(page.html().select("a[href*=/downloads/]")).hasSize(1);
        assertThat(b.client().get("/account/orders/" + order).status()).isEqualTo(404);
        assertThat(anonymous.get("/account/orders/" + order).body()).doesNotContain(key);
        assertThat(a.client().get("/account/licenses").body()).contains(key).contains("Pixel Editor");
        assertThat(a.client().get("/account/downloads").html().select("a[href*=/downloads/]")).hasSize(1);
        assertThat(b.client().get("/account/licenses").body()).doesNotContain(key);
        assertThat(b.client().get("/account/downloads").body()).doesNotContain(order);
        assertThat(e.client().get("/static/js/copy.js").status()).isEqualTo(200);

        long before = receipts(e, order);
        assertThat(a.client().submitForm("/account/orders/" + order, "form[action$=/receipt]", Map.of()).status()).isEqualTo(303);
        assertThat(receipts(e, order)).isEqualTo(before + 1);
        assertThat(a.client().submitForm("/account/orders/" + order, "form[action$=/receipt]", Map.of()).status()).as("rate limited").isEqualTo(429);
        assertThat(b.client().post("/api/v1/orders/" + order + "/receipt", "application/json", "{}").status()).isEqualTo(404);
        assertThat(a.client().postJson("/api/v1/admin/entitlements/" + license.get("id").asText() + "/revoke", Map.of()).status()).isEqualTo(403);

        Response sales = seller.client().get("/api/v1/seller/sales");
        assertThat(sales.status()).isEqualTo(200);
        assertThat(sales.json().get("data")).hasSize(1);
        assertThat(sales.json().get("data").get(0).get("orderId").asText()).isEqualTo(order);
        JsonNode balance = seller.client().get("/api/v1/seller/balance").json().get("data").get(0);
        assertThat(balance.get("pending").get("minor").asLong()).as("the seller's share waits out the refund window").isEqualTo(2250);
        assertThat(balance.get("available").get("minor").asLong()).isZero();
        assertThat(seller.client().get("/seller/sales").body()).contains("Pixel Editor").contains("22.50 EUR");
        assertThat(a.client().get("/api/v1/seller/sales").status()).isEqualTo(403);
        assertThat(a.client().get("/seller/sales").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/seller/sales").status()).isEqualTo(401);
        assertThat(shop.seller().id()).isNotEqualTo(seller.id());
    }

    static long uses(TestEngine e, JsonNode ent) {
        return count(e, "SELECT uses FROM entitlements WHERE id = ?", ent.get("id").asText());
    }

    static HttpResponse<byte[]> fetch(TestEngine e, String link, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(e.base().resolve(link)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Download links are for browsers: errors are themed pages that show the code. */
    /** A link signed with the engine's own key, as someone who can read the master secret could make it. */
    static String forged(TestEngine e, String entitlementId, long exp) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(e.engine().component().secrets().derive("download-links:k1"), "HmacSHA256"));
        String sig = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                ("GET\n/downloads/" + entitlementId + "\n" + entitlementId + "\n" + exp + "\nk1").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return "/downloads/" + entitlementId + "?exp=" + exp + "&kid=k1&sig=" + sig;
    }

    static String problem(HttpResponse<byte[]> r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code>([A-Z_]+)</code>")
                .matcher(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        return r.statusCode() + " " + (m.find() ? m.group(1) : "?");
    }

    static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }
}
