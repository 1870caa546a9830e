package com.mintreu.engine.entitlement;

import static com.mintreu.engine.entitlement.Purchases.deliverPaid;
import static com.mintreu.engine.entitlement.Purchases.paidOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seller picks license-short for a software product; a paid order issues a short key through the
 * real plugin, and the license API validates it by exact key, rejecting typos as malformed.
 */
class ShortLicensePurchaseTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final Map<String, Item> SOFTWARE = new LinkedHashMap<>();
    static final Map<String, TestUsers.User> SELLERS = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        Path plugins = EntitlementTestPlugins.writeTo(Files.createTempDirectory("short-license-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            TestEngine e = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\noutbox: {pollInterval: 1h, retryBase: 30s}\n");
            ENGINES.put(kind, e);
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            SELLERS.put(kind, seller);
            TestClient admin = TestUsers.signIn(e, "admin").client();
            SOFTWARE.put(kind, Purchases.publish(seller.client(), seller.id(), admin, "software", "Tiny Tool",
                    Map.of("licenseScheme", "license-short"), "tiny.zip", new byte[] {1, 2, 3}));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aShortKeyIsIssuedAndValidatesByExactKey(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        String order = paidOrder(e, customer.id(), SOFTWARE.get(kind));
        deliverPaid(e, order);
        JsonNode data = customer.client().get("/api/v1/orders/" + order + "/entitlements").json().get("data");
        JsonNode license = StreamSupport.stream(data.spliterator(), false).filter(n -> n.get("kind").asText().equals("license"))
                .findFirst().orElseThrow().get("license");
        String key = license.get("key").asText();
        assertThat(key).matches("[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}");

        JsonNode valid = e.client().postJson("/api/v1/licenses/validate", Map.of("key", key)).json();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("code").asText()).isEqualTo("VALID");

        char first = key.charAt(0);
        String typo = (first == '7' ? '8' : '7') + key.substring(1);
        for (String bad : List.of(typo, key.toLowerCase(), key.replace("-", ""))) {
            JsonNode answer = e.client().postJson("/api/v1/licenses/validate", Map.of("key", bad)).json();
            assertThat(answer.get("code").asText()).as(bad).isEqualTo("MALFORMED");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anUnknownSchemeIsRefusedWhenTheSellerSaves(String kind) {
        TestUsers.User seller = SELLERS.get(kind);
        Response r = seller.client().postJson("/api/v1/seller/products", Map.of("title", "Bad Tool", "description", "x", "type", "software",
                "attributes", Map.of("licenseScheme", "license-rot13"), "categories", List.of(), "tags", List.of()));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("attributes.licenseScheme");
    }
}
