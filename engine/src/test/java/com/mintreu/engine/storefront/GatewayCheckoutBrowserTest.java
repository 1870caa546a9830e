package com.mintreu.engine.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.plugin.PaymentTestPlugins;
import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Buying in Chromium with two gateways: one whose hosted page is on another origin (as every real
 * provider's is), chosen by {@code orders.defaultGateway}, and the sandbox; and buying after
 * opening the shop on a host name other than its public URL's (localhost for 127.0.0.1).
 */
class GatewayCheckoutBrowserTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final String SANDBOX_NAME = "Sandbox (test payment, no real money)";

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        Path plugins = BundledTestPlugins.writeTo(Files.createTempDirectory("gateway-plugins-"));
        PaymentTestPlugins.writeOffsite(plugins);
        for (String kind : TestDatabase.kinds()) {
            TestEngine engine = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\nsecurity: {loginAttempts: 1000}\n"
                    + "orders: {defaultGateway: " + PaymentTestPlugins.OFFSITE_ID + "}\n");
            engine.engine().component().demoShop().seed();
            ENGINES.put(kind, engine);
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    /** Registers on {@code base}, puts Focus Timer Pro in the cart and opens the cart. */
    static void registerAndFillCart(Browser b, String base, String name) {
        b.open(base + "/register");
        b.type("#displayName", name);
        b.type("#email", name.toLowerCase().replace(' ', '.') + "." + System.nanoTime() + "@example.test");
        b.type("#password", GoldenPathBrowserTest.PASSWORD);
        b.click("#register-form button[type=submit]");
        b.waitForUrl("/account");
        b.open(base + "/search?q=focus+timer");
        b.driver().findElement(By.linkText("Focus Timer Pro")).click();
        b.click(".plans form[action='/cart/items'] button");
        b.waitForUrl("/cart");
    }

    static void awaitFulfilled(Browser b) {
        b.await().until(d -> {
            if (d.findElement(By.cssSelector(".state")).getText().equals("Fulfilled")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aShopperPaysOnAProviderPageOnAnotherOrigin(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        try (Browser b = new Browser()) {
            registerAndFillCart(b, e.base().toString(), "Ada Offsite");
            List<String> choices = b.driver().findElements(By.cssSelector("fieldset label")).stream().map(WebElement::getText).toList();
            assertThat(choices).containsExactly(PaymentTestPlugins.OFFSITE_NAME, SANDBOX_NAME);
            WebElement chosen = b.find("input[name=gateway]:checked");
            assertThat(chosen.getAttribute("value")).isEqualTo(PaymentTestPlugins.OFFSITE_ID);
            b.screenshot("cart-two-gateways-" + kind);

            b.click("form[action='/checkout'] button[type=submit]");
            // before gateways could declare their origins, the CSP's form-action refused this redirect
            b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), PaymentTestPlugins.OFFSITE_NAME));
            assertThat(b.driver().getCurrentUrl()).startsWith("http://127.0.0.1:").doesNotStartWith(e.base().toString());
            assertThat(b.text("#amount")).contains("2900 EUR").contains("ord_");
            b.click("#pay");
            b.waitForUrl(e.base() + "/account/orders/ord_");
            awaitFulfilled(b);
            assertThat(b.text("main")).contains("Focus Timer Pro");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyTheCartAllowsTheGatewayOriginsAndACheckoutNamingNoGatewayUsesTheDefault(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        String cartCsp = customer.get("/cart").header("Content-Security-Policy");
        String offsite = cartCsp.replaceAll(".*form-action 'self' (http://127\\.0\\.0\\.1:\\d+);.*", "$1");
        assertThat(offsite).startsWith("http://127.0.0.1:").isNotEqualTo(e.base().toString());
        assertThat(customer.get("/").header("Content-Security-Policy")).contains("form-action 'self';").doesNotContain(offsite);

        String plan = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM plans ORDER BY id LIMIT 1").mapTo(String.class).one());
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
        TestClient.Response placed = customer.postJson("/api/v1/checkout", Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("paymentUrl").asText()).startsWith(offsite + "/pay/");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aShopperWhoOpensTheShopOnAnotherHostNameStillBuys(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        String otherHost = "http://localhost:" + e.engine().port();
        try (Browser b = new Browser()) {
            b.open(otherHost + "/register");
            b.waitForUrl(e.base() + "/register");
            registerAndFillCart(b, otherHost, "Ada Elsewhere");
            assertThat(b.driver().getCurrentUrl()).startsWith(e.base().toString());
            b.click("input[name=gateway][value=payment-sandbox]");
            b.click("form[action='/checkout'] button[type=submit]");
            b.waitForUrl("/plugins/payment-sandbox/checkout/");
            b.click("button[value=pay]");
            b.waitForUrl(e.base() + "/account/orders/ord_");
            awaitFulfilled(b);
            // still signed in: the whole visit stayed on the public URL's host
            assertThat(b.text("nav")).doesNotContain("Sign in");
            assertThat(b.text("main")).contains("Focus Timer Pro");
        }
    }
}
