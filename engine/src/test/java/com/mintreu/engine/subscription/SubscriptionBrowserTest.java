package com.mintreu.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.demo.DemoShop;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A subscription lived through in Chromium on the demo shop: a customer buys the monthly "Cloud
 * Notes Sync" plan, saving a card on the sandbox's page (its trial asks for one up front); a month
 * passes and the renewal job converts it by charging the card; the Subscriptions page shows both
 * periods with their receipts; cancel at period end and undo through the page; then the seller's
 * Subscriptions page, photographed.
 */
class SubscriptionBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCustomerSubscribesLivesAMonthAndCancelsAndUndoesThroughThePages(String kind) throws Exception {
        Path plugins = BundledTestPlugins.writeTo(Files.createTempDirectory("subscription-browser-plugins-"));
        try (TestEngine e = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\nsecurity: {loginAttempts: 1000}\n");
                Browser b = new Browser()) {
            e.engine().component().demoShop().seed();
            String email = "ada." + System.nanoTime() + "@example.test";
            b.open(e.base() + "/register");
            b.type("#displayName", "Ada Lovelace");
            b.type("#email", email);
            b.type("#password", PASSWORD);
            b.click("#register-form button[type=submit]");
            b.waitForUrl("/account");

            b.open(e.base() + "/products/cloud-notes-sync");
            WebElement monthly = b.driver().findElement(By.xpath("//ul[@class='plans']/li[contains(., 'Monthly')]"));
            assertThat(monthly.getText()).contains("9.00 EUR / month, 14-day free trial (card required)");
            monthly.findElement(By.cssSelector("form[action='/cart/items'] button")).click();
            b.waitForUrl("/cart");
            b.click("form[action='/checkout'] button[type=submit]");
            b.waitForUrl("/plugins/payment-sandbox/checkout/");
            assertThat(b.text("#setup-intro")).contains("Nothing is charged today");
            assertThat(b.find("input[name=save]").isSelected()).as("'save my card' is ticked and required").isTrue();
            b.type("#card", SubscriptionFixture.GOOD_CARD);
            b.click("button[value=pay]");
            b.waitForUrl("/account/orders/ord_");
            SubscriptionFixture.drain(e);

            b.open(e.base() + "/account/subscriptions");
            assertThat(b.text(".subscription-status")).isEqualTo("Free trial");
            assertThat(b.text(".subscription-method")).isEqualTo("Test card •••• 4242");

            // a month later: the trial ended two weeks ago, and the renewal job charges the saved card
            e.clock().advance(Duration.ofDays(30));
            SubscriptionFixture.renewalJob(e);
            signIn(b, e, email, PASSWORD); // the session ended with the month
            b.open(e.base() + "/account/subscriptions");
            assertThat(b.text(".subscription-status")).isEqualTo("Active");
            List<WebElement> periods = b.driver().findElements(By.cssSelector("tr.period"));
            assertThat(periods).hasSize(2);
            List<String> receipts = b.driver().findElements(By.cssSelector("tr.period a.receipt")).stream().map(a -> a.getAttribute("href")).toList();
            assertThat(receipts).hasSize(2).doesNotHaveDuplicates();
            assertThat(b.text(".subscription-next")).startsWith("9.00 EUR on ");
            b.screenshot("customer-subscriptions-" + kind);
            b.open(receipts.get(1));
            assertThat(b.text("main")).contains("Cloud Notes Sync").contains("9.00 EUR").contains("renewal 1");

            b.open(e.base() + "/account/subscriptions");
            b.click("form.cancel-at-period-end button");
            b.waitForUrl("notice=cancel-at-period-end");
            assertThat(b.text("#subscription-notice")).contains("ends at the end of the current period");
            assertThat(b.text(".subscription-status")).isEqualTo("Active, ends at the end of this period");
            b.click("form.undo-cancel button");
            b.waitForUrl("notice=undo-cancel");
            assertThat(b.text(".subscription-status")).isEqualTo("Active");
            assertThat(b.driver().findElements(By.cssSelector("form.cancel-at-period-end"))).hasSize(1);

            // the seller's Subscriptions page, from the seller's pages
            b.click("form[action='/logout'] button");
            b.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav"), "Sign in"));
            DemoShop.Login seller = DemoShop.LOGINS.stream().filter(l -> l.role().equals("seller")).findFirst().orElseThrow();
            signIn(b, e, seller.email(), seller.password());
            b.open(e.base() + "/seller/products");
            b.click("a[href='/seller/subscriptions']");
            b.waitForUrl("/seller/subscriptions");
            assertThat(b.text(".figure-mrr")).isEqualTo("9.00 EUR");
            assertThat(b.text("tr.subscriber .subscriber-customer")).isEqualTo(email);
            assertThat(b.text("tr.subscriber .subscriber-status")).isEqualTo("Active");
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1300)); // figures and the table in one picture
            b.screenshot("seller-subscriptions-" + kind);
            Path shots = Path.of("/work/shots");
            if (Files.isDirectory(shots)) {
                Files.copy(Path.of("target", "screenshots", "seller-subscriptions-" + kind + ".png"), shots.resolve("seller-subscriptions.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void signIn(Browser b, TestEngine e, String email, String password) {
        b.open(e.base() + "/login");
        b.type("#email", email);
        b.type("#password", password);
        b.click("#login-form button[type=submit]");
        b.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }
}
