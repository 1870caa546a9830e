package com.mintreu.engine.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.demo.DemoShop;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The money path in a real browser against the demo shop, on each database. */
class GoldenPathBrowserTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final String PASSWORD = "correct horse battery staple";

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        Path plugins = BundledTestPlugins.writeTo(Files.createTempDirectory("golden-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            TestEngine engine = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\nsecurity: {loginAttempts: 1000}\n");
            engine.engine().component().demoShop().seed();
            ENGINES.put(kind, engine);
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    /** Registers through the page and returns the new account's sign-in details. */
    static DemoShop.Login register(Browser b, TestEngine e, String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + System.nanoTime() + "@example.test";
        b.open(e.base() + "/register");
        b.type("#displayName", name);
        b.type("#email", email);
        b.type("#password", PASSWORD);
        b.click("#register-form button[type=submit]");
        b.waitForUrl("/account");
        return new DemoShop.Login("customer", email, PASSWORD);
    }

    static void signIn(Browser b, TestEngine e, DemoShop.Login login) {
        b.open(e.base() + "/login");
        b.type("#email", login.email());
        b.type("#password", login.password());
        b.click("#login-form button[type=submit]");
        b.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    static void signOut(Browser b) {
        b.click("form[action='/logout'] button");
        b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav"), "Sign in"));
    }

    /** Home → search → product page → add the first plan → cart → place order → the sandbox's page. */
    static void buy(Browser b, TestEngine e, String searchWords, String productTitle) {
        b.open(e.base() + "/");
        b.type("#home-q", searchWords);
        b.click("form[role=search] button");
        b.waitForUrl("/search");
        b.driver().findElement(By.linkText(productTitle)).click();
        b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), productTitle));
        b.click(".plans form[action='/cart/items'] button");
        b.waitForUrl("/cart");
        assertThat(b.text("main table")).contains(productTitle);
        b.click("form[action='/checkout'] button[type=submit]");
        b.waitForUrl("/plugins/payment-sandbox/checkout/");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aShopperBuysPaysAndSeesTheOrderPaid(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        try (Browser b = new Browser()) {
            DemoShop.Login grace = register(b, e, "Grace Hopper");
            buy(b, e, "focus timer", "Focus Timer Pro");
            assertThat(b.text("main")).contains("29.00 EUR");
            b.screenshot("sandbox-checkout-" + kind);
            b.click("button[value=pay]");
            b.waitForUrl("/account/orders/ord_");
            assertThat(b.driver().getCurrentUrl()).contains("notice=returned");
            // paid by the webhook before the redirect; fulfilled by the outbox right after
            b.await().until(d -> {
                if (d.findElement(By.cssSelector(".state")).getText().equals("Fulfilled")) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            assertThat(b.text("main")).contains("Focus Timer Pro").contains("29.00 EUR");
            b.screenshot("order-fulfilled-" + kind);

            String key = b.find(".license-key input.key").getAttribute("value");
            assertThat(key).startsWith("MK1.");
            var validation = e.client().postJson("/api/v1/licenses/validate", Map.of("key", key)).json();
            assertThat(validation.get("valid").asBoolean()).isTrue();
            assertThat(validation.get("code").asText()).isEqualTo("VALID");

            String href = b.find(".entitlement-download a[download]").getAttribute("href");
            java.net.http.HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(e.base().toString()).resolve(href)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            String expected = e.jdbi().withHandle(h -> h.createQuery("""
                    SELECT r.sha256 FROM releases r JOIN products p ON p.id = r.product_id
                    WHERE p.title = 'Focus Timer Pro' ORDER BY r.created_at DESC LIMIT 1""").mapTo(String.class).one());
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file.body())))
                    .isEqualTo(expected);

            askForHelpAndGetAnAnswer(b, e, grace, kind);
        }
    }

    private static void awaitStatus(Browser b, String status) {
        b.await().until(d -> d.findElement(By.id("ticket-status")).getText().equalsIgnoreCase(status));
    }

    /** The last step of the path: a ticket from the order page, answered by the seller, solved by the customer. */
    private static void askForHelpAndGetAnAnswer(Browser b, TestEngine e, DemoShop.Login customer, String kind) throws Exception {
        b.click("#get-help");
        b.waitForUrl("/account/tickets/new?order=ord_");
        b.type("#ticket-subject", "The timer does not start on login");
        b.type("#ticket-body", "I activated my license but the timer does not start when I log in. What should I check?");
        b.click("#send-ticket");
        b.waitForUrl("/account/tickets/tkt_");
        String ticketUrl = b.driver().getCurrentUrl().replaceAll("\\?.*", "");
        assertThat(b.text("#ticket-status")).isEqualToIgnoringCase("open");
        assertThat(b.text("#ticket-meta")).contains("Focus Timer Pro");
        b.screenshot("ticket-opened-" + kind);
        signOut(b);

        signIn(b, e, DemoShop.LOGINS.get(1));
        b.open(e.base() + "/seller/support");
        b.driver().findElement(By.linkText("The timer does not start on login")).click();
        b.waitForUrl("/account/tickets/tkt_");
        b.type("#reply-body", "Open Settings, then General, and tick \"Start at login\". It takes effect at the next login.");
        b.click("#send-reply");
        awaitStatus(b, "waiting on customer");
        assertThat(b.text("#ticket-times")).doesNotContain("First response: not yet");
        b.screenshot("ticket-answered-by-seller-" + kind);
        signOut(b);

        signIn(b, e, customer);
        b.open(ticketUrl);
        assertThat(b.text("main")).contains("Seller").contains("tick \"Start at login\"");
        b.click("#solve-form button");
        awaitStatus(b, "solved");
        b.screenshot("ticket-solved-" + kind);
        signOut(b);

        // the seller's inbox counts it: answered and solved within the last 30 days
        signIn(b, e, DemoShop.LOGINS.get(1));
        b.open(e.base() + "/seller/support");
        assertThat(b.text("#median-first-response")).matches(".*\\d.*");
        assertThat(b.text("#median-resolution")).matches(".*\\d.*");
        System.out.println("support figures (" + kind + "): " + b.text("#figures p"));
        b.screenshot("seller-inbox-" + kind);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void decliningOnTheSandboxLeavesAFailedOrder(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        try (Browser b = new Browser()) {
            register(b, e, "Alan Kay");
            buy(b, e, "pixel icons", "Pixel Icon Pack");
            b.click("button[value=decline]");
            b.waitForUrl("notice=canceled");
            assertThat(b.text(".state")).isEqualTo("Failed");
            int entitlements = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'order.paid' AND payload LIKE :p")
                    .bind("p", "%" + b.driver().getCurrentUrl().replaceAll(".*/orders/(ord_[a-z0-9]+).*", "$1") + "%").mapTo(Integer.class).one());
            assertThat(entitlements).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellerSubmitsAndAnAdminApprovesThroughThePages(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        String title = "Type Specimen " + kind + " " + System.nanoTime();
        try (Browser b = new Browser()) {
            signIn(b, e, DemoShop.LOGINS.get(1));
            b.open(e.base() + "/seller/products/new");
            b.type("#title", title);
            b.type("#description", "A **specimen** book of typefaces.");
            new org.openqa.selenium.support.ui.Select(b.find("#type")).selectByValue("download");
            b.click("form[action='/seller/products'] button[type=submit]");
            b.waitForUrl("/seller/products/prd_");
            b.type("#plan-name", "Standard");
            b.type("#plan-price", "12.50");
            b.click("form[action$='/plans'] button[type=submit]");
            b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "12.50"));
            Path file = Files.createTempFile("specimen-", ".pdf");
            Files.writeString(file, "%PDF-1.4 specimen");
            b.type("#rel-version", "1.0.0");
            b.find("#rel-file").sendKeys(file.toString());
            b.click("form[action$='/releases'] button[type=submit]");
            b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1.0.0"));
            b.click("form[action$='/submit'] button");
            b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "In review"));
            b.screenshot("seller-product-" + kind);
            signOut(b);

            signIn(b, e, DemoShop.LOGINS.get(0));
            b.open(e.base() + "/admin/products?status=in_review");
            String productId = b.driver().findElements(By.cssSelector("main h2")).stream()
                    .filter(h -> h.getText().equals(title)).findFirst().orElseThrow().getAttribute("id").substring(2);
            b.click("form[action='/admin/products/" + productId + "/approve'] button");
            b.await().until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), title)));
            signOut(b);

            b.open(e.base() + "/search?q=specimen");
            assertThat(b.text("main")).contains(title);
        }
    }
}
