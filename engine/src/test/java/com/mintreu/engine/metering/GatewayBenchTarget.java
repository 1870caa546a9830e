package com.mintreu.engine.metering;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: {@code bench/gateway.sh} runs this main on the engine's test classpath to get a real
 * engine (product-api, a temp SQLite file or a PostgreSQL schema) selling one API product whose
 * upstream is {@code args[1]}, bought once, with one key; limits high enough never to refuse, so
 * every call is metered as in real use. Writes {@code base slug key sellerToken} (the token for the verify endpoint, the same check without the proxy) to the file named by
 * {@code args[2]} and serves until stdin closes.
 */
final class GatewayBenchTarget {

    private GatewayBenchTarget() {}

    public static void main(String[] args) throws Exception {
        String config = "outbox: {pollInterval: 1h}\napiKeys: {gatewayAllowPrivateUpstreams: true}\n";
        try (TestEngine e = TestEngine.boot(args[0], config, true, ApiTestPlugins::writeProductApiTo)) {
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            Purchases.Item item = ApiProducts.publish(e, seller, Map.of("upstreamUrl", args[1], "ratePerSecond", "1000000000",
                    "monthlyQuota", "1000000000000"));
            ApiProducts.Bought b = ApiProducts.buy(e, item);
            String key = ApiProducts.newKey(b.customer().client(), b.entitlementId(), "bench");
            String slug = seller.client().get("/api/v1/seller/products/" + item.productId()).json().findValue("slug").asText();
            var token = seller.client().postJson("/api/v1/tokens", Map.of("name", "bench")).json().get("token").asText();
            Files.writeString(Path.of(args[2]), e.base() + " " + slug + " " + key + " " + token + "\n");
            while (System.in.read() >= 0) {
                // serve until the script closes our stdin
            }
        }
    }
}
