package com.mintreu.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/** The seller's product page in Chromium: a wrong plan price comes back beside the field with the rest kept (screenshots for a person). */
@WithConfig(bundledPlugins = true)
class SellerFormsBrowserTest {

    @EngineTest
    void aWrongPriceIsShownBesideTheFieldInTheBrowser(TestEngine e) throws Exception {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String page = SellerPagesTest.createProduct(seller, "Browser Tool " + e.kind(), Map.of("type", "software",
                "attr.software.maxDownloads", "2"));
        try (Browser b = new Browser()) {
            b.open(e.base() + "/static/css/site.css");
            seller.cookies().forEach(c -> b.driver().manage().addCookie(new Cookie(c.getName(), c.getValue(), "/")));
            b.open(e.base() + page);
            assertThat(b.find("#attr-software-maxDownloads").getAttribute("value")).isEqualTo("2");
            b.screenshot("seller-product-form-" + e.kind());
            b.type("#plan-name", "Yearly");
            b.type("#plan-price", "12.5");
            b.type("#plan-currency", "JPY");
            b.click("form.add-plan button[type=submit]");
            assertThat(b.text("#plan-price ~ .field-error")).contains("whole amount");
            assertThat(b.find("#plan-name").getAttribute("value")).isEqualTo("Yearly");
            scrollTo(b, "form.add-plan");
            b.screenshot("seller-plan-error-" + e.kind());
            b.type("#plan-price", "1500");
            b.click("form.add-plan button[type=submit]");
            assertThat(b.text(".notice.ok")).isEqualTo("The plan was added.");
            assertThat(b.text("table.plan-list")).contains("1500 JPY");
            scrollTo(b, "table.plan-list");
            b.screenshot("seller-plan-added-" + e.kind());
            scrollTo(b, "fieldset.type-attributes");
            b.screenshot("seller-attributes-" + e.kind());

            java.nio.file.Path empty = java.nio.file.Files.createTempFile("empty-release", ".zip");
            b.type("#rel-version", "1.0");
            b.find("#rel-file").sendKeys(empty.toString());
            b.click("form.add-release button[type=submit]");
            assertThat(b.text("#rel-file ~ .field-error")).isEqualTo("the file is empty");
            assertThat(b.find("#rel-version").getAttribute("value")).isEqualTo("1.0");
            scrollTo(b, "form.add-release");
            b.screenshot("seller-release-error-" + e.kind());
            java.nio.file.Files.delete(empty);
        }
    }

    static void scrollTo(Browser b, String css) {
        ((JavascriptExecutor) b.driver()).executeScript("document.querySelector(arguments[0]).scrollIntoView()", css);
    }
}
