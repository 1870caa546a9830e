package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One engine with the real license-ed25519, product-download and storage-local plugins, a seller
 * and an admin; buys licenses of fresh "software" products whose plan has a given policy.
 */
final class LicenseFixture implements AutoCloseable {

    /** A bought license and who owns it. */
    record Lic(String key, String id, String entitlementId, String productId, String planId, TestUsers.User customer) {}

    final TestEngine e;
    final TestUsers.User seller;
    final TestClient admin;
    private int products;

    private LicenseFixture(TestEngine e) {
        this.e = e;
        this.seller = TestUsers.signIn(e, "seller");
        this.admin = TestUsers.signIn(e, "admin").client();
    }

    static LicenseFixture boot(String kind) throws Exception {
        return boot(kind, EntitlementTestPlugins.writeTo(Files.createTempDirectory("license-plugins-")));
    }

    /** As {@link #boot(String)}, with the plugins in {@code plugins} instead of the real ones. */
    static LicenseFixture boot(String kind, Path plugins) {
        return boot(kind, plugins, "");
    }

    /** As {@link #boot(String, Path)}, with more YAML (top-level sections other than engine and outbox). */
    static LicenseFixture boot(String kind, Path plugins, String extraYaml) {
        // the background outbox pass is off: tests deliver order.paid themselves
        return new LicenseFixture(TestEngine.boot(kind, yaml(plugins, extraYaml)));
    }

    /** The configuration {@link #boot(String, Path, String)} starts with, for a second node on the same database. */
    static String yaml(Path plugins, String extraYaml) {
        return "engine: {pluginsDir: '" + plugins + "'}\noutbox: {pollInterval: 1h, retryBase: 30s}\n" + extraYaml;
    }

    /** A fixture over an engine already started (a second node), with its own seller and admin. */
    static LicenseFixture on(TestEngine e) {
        return new LicenseFixture(e);
    }

    /** A published software product (release 1.0.0) with one plan. */
    Purchases.Item product() {
        return product(Map.of());
    }

    /** A published software product with these type attributes (e.g. {@code licenseScheme}). */
    Purchases.Item product(Map<String, String> attributes) {
        return Purchases.publish(seller.client(), seller.id(), admin, "software", "App " + (++products), attributes, "app.tar.gz",
                "binary".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A license of a fresh product whose plan has {@code policy} (null: the default policy). */
    Lic license(Map<String, Object> policy) throws Exception {
        Purchases.Item item = product();
        if (policy != null) {
            putPolicy(item.planId(), policy);
        }
        return buy(item);
    }

    void putPolicy(String planId, Map<String, Object> policy) {
        Response r = seller.client().putJson("/api/v1/seller/plans/" + planId + "/license-policy", policy);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    Lic buy(Purchases.Item item) throws Exception {
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        String order = Purchases.paidOrder(e, customer.id(), item);
        Purchases.deliverPaid(e, order);
        JsonNode ents = customer.client().get("/api/v1/orders/" + order + "/entitlements").json().get("data");
        for (JsonNode n : ents) {
            if (n.get("kind").asText().equals("license")) {
                JsonNode l = n.get("license");
                return new Lic(l.get("key").asText(), l.get("id").asText(), n.get("id").asText(), item.productId(), item.planId(), customer);
            }
        }
        throw new AssertionError("no license in " + ents);
    }

    /** POSTs to a license client endpoint; the answer must be a 200 JSON. */
    JsonNode call(String path, Object body) {
        Response r = e.client().postJson(path, body);
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        return r.json();
    }

    JsonNode validate(Lic l, Map<String, Object> scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", l.key());
        if (scope != null) {
            body.put("scope", scope);
        }
        return call("/api/v1/licenses/validate", body);
    }

    JsonNode activate(Lic l, String fingerprint) {
        return call("/api/v1/licenses/machines/activate", Map.of("key", l.key(), "fingerprint", fingerprint, "name", "Workstation",
                "platform", "linux", "hostname", "ws-1", "cores", 8));
    }

    JsonNode machine(String action, Lic l, String fingerprint) {
        return call("/api/v1/licenses/machines/" + action, Map.of("key", l.key(), "fingerprint", fingerprint));
    }

    /** {@code /api/v1/licenses/users/<action>} (add or remove) for {@code user}. */
    JsonNode user(String action, Lic l, String user) {
        return call("/api/v1/licenses/users/" + action, Map.of("key", l.key(), "user", user));
    }

    static String answer(JsonNode n) {
        JsonNode flag = n.has("valid") ? n.get("valid") : n.get("ok");
        return flag.asBoolean() + " " + n.get("code").asText();
    }

    @Override
    public void close() {
        e.close();
    }
}
