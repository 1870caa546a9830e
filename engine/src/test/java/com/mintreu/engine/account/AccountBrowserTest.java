package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real browser (headless Chromium) registers, signs out and signs back in through the pages. */
@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class AccountBrowserTest {

    @EngineTest
    void registerSignOutAndSignInAgain(TestEngine engine) throws Exception {
        Path profile = Files.createTempDirectory("mintreu-chromium-");
        WebDriver browser = chromium(profile);
        try {
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
            screenshot(browser, engine);

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
        } finally {
            browser.quit();
            deleteQuietly(profile);
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1200, 900));
        return driver;
    }

    /** The account page, for a person to look at the design (target/screenshots/account.png). */
    private static void screenshot(WebDriver browser, TestEngine engine) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        String name = engine.kind().equals("sqlite") ? "account.png" : "account-" + engine.kind() + ".png";
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a leftover temp profile is harmless
        }
    }
}
