package com.mintreu.engine.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Not a test: {@code bench/hotpath.sh} runs this main on the engine's test classpath for a real engine
 * (the bundled plugins plus product-api, and meter-redis when args[2] is a Redis URI) on a temp SQLite
 * file or a PostgreSQL schema (args[0]), holding one bought license, one API key whose plan has no
 * limits, one whose plan has a rate limit and a quota that never refuse in a run, and a seller API token.
 * Writes {@code base licenseKey plainKey limitedKey token} to args[1] and serves until stdin closes.
 */
final class HotpathBenchTarget {

    private HotpathBenchTarget() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String redis = args.length > 2 ? args[2] : "";
        String yaml = ApiProducts.CONFIG + (redis.isEmpty() ? ""
                : "apiKeys: {meter: meter-redis}\nplugins: {meter-redis: {config: {uri: '" + redis + "', keyPrefix: 'mintreu-bench:', timeout: 2s}}}\n");
        yaml = yaml.replace("apiKeys: {maxKeysPerPurchase: 3, rollOverlap: 2h}\napiKeys: {meter: meter-redis}",
                "apiKeys: {maxKeysPerPurchase: 3, rollOverlap: 2h, meter: meter-redis}");
        Consumer<Path> plugins = redis.isEmpty() ? ApiTestPlugins::writeProductApiTo : dir -> {
            ApiTestPlugins.writeProductApiTo(dir);
            ApiTestPlugins.writeMeterRedisTo(dir);
        };
        try (TestEngine e = TestEngine.boot(kind, yaml, true, plugins)) {
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            var admin = TestUsers.signIn(e, "admin").client();
            String license = license(e, seller, admin);
            ApiProducts.Bought plain = ApiProducts.buy(e, ApiProducts.publish(e, seller, Map.of()));
            String plainKey = ApiProducts.newKey(plain.customer().client(), plain.entitlementId(), "bench");
            ApiProducts.Bought limited = ApiProducts.buy(e, ApiProducts.publish(e, seller,
                    Map.of("ratePerSecond", "100000000", "ratePerMinute", "1000000000", "monthlyQuota", "1000000000000")));
            String limitedKey = ApiProducts.newKey(limited.customer().client(), limited.entitlementId(), "bench");
            var token = seller.client().postJson("/api/v1/tokens", Map.of("name", "bench"));
            Files.writeString(Path.of(args[1]), e.base() + " " + license + " " + plainKey + " " + limitedKey + " "
                    + token.json().get("token").asText() + "\n");
            while (System.in.read() >= 0) {
                // serve until the script closes our stdin
            }
        }
    }

    private static String license(TestEngine e, TestUsers.User seller, com.mintreu.engine.testing.TestClient admin) throws Exception {
        Purchases.Item item = Purchases.publish(seller.client(), seller.id(), admin, "software", "Bench App", Map.of(), "app.tar.gz",
                "binary".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        String order = Purchases.paidOrder(e, customer.id(), item);
        Purchases.deliverPaid(e, order);
        for (JsonNode n : customer.client().get("/api/v1/orders/" + order + "/entitlements").json().get("data")) {
            if (n.get("kind").asText().equals("license")) {
                return n.get("license").get("key").asText();
            }
        }
        throw new IllegalStateException("no license bought");
    }
}
