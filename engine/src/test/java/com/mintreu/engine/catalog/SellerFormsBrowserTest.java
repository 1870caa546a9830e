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
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("document.querySelector('form.add-plan').scrollIntoView()");
            b.screenshot("seller-plan-error-" + e.kind());
            b.type("#plan-price", "1500");
            b.click("form.add-plan button[type=submit]");
            assertThat(b.text(".notice.ok")).isEqualTo("The plan was added.");
            assertThat(b.text("table.plans")).contains("1500 JPY");
            b.screenshot("seller-plan-added-" + e.kind());
        }
    }
}
