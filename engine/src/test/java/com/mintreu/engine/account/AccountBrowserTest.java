package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real browser (headless Chromium) registers, signs out and signs back in through the pages. */
@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class AccountBrowserTest {

    @EngineTest
    void registerSignOutAndSignInAgain(TestEngine engine) throws Exception {
        try (Browser chromium = new Browser()) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            String email = AccountFixtures.email("browser");
            browser.get(engine.base() + "/");
            browser.findElement(By.linkText("Create account")).click();
            wait.until(ExpectedConditions.urlContains("/register"));
            browser.findElement(By.id("displayName")).sendKeys("Barbara Liskov");
            browser.findElement(By.id("email")).sendKeys(email);
            browser.findElement(By.id("password")).sendKeys("short");
            browser.findElement(By.cssSelector("#register-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-error")));
            assertThat(browser.findElement(By.id("password-error")).getText()).contains("at least 10 characters");
            assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);

            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("#register-form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("/account"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your account");
            assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).contains("Welcome, Barbara Liskov!");
            assertThat(browser.findElement(By.id("profile-email")).getText()).contains(email);
            assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("Barbara Liskov").contains("Sign out");
            chromium.screenshot(engine.kind().equals("sqlite") ? "account" : "account-" + engine.kind());

            browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav"), "Sign in"));
            assertThat(browser.findElement(By.cssSelector("nav")).getText()).doesNotContain("Barbara Liskov");
            browser.get(engine.base() + "/account");
            wait.until(ExpectedConditions.urlContains("/login"));
            assertThat(browser.getCurrentUrl()).contains("next=%2Faccount");

            browser.findElement(By.id("email")).sendKeys(email);
            browser.findElement(By.id("password")).sendKeys("not the password");
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.error")));
            assertThat(browser.findElement(By.cssSelector(".notice.error")).getText()).isEqualTo("The email or password is wrong");

            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches(".*/account$"));
            assertThat(browser.findElement(By.id("profile-name")).getText()).isEqualTo("Barbara Liskov");
            assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("Barbara Liskov");
        }
    }
}
