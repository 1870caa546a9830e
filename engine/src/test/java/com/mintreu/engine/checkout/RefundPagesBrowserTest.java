package com.mintreu.engine.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.checkout.RefundFixture.Paid;
import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import org.openqa.selenium.Cookie;

/** In Chromium: the customer asks for a refund of one line on the order page, the seller approves it on their refunds page. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class RefundPagesBrowserTest {

    private static void signedInAs(Browser b, TestEngine e, TestClient client) {
        b.open(e.base() + "/static/css/site.css");
        b.driver().manage().deleteAllCookies();
        client.cookies().forEach(c -> b.driver().manage().addCookie(new Cookie(c.getName(), c.getValue(), "/")));
    }

    @EngineTest
    void theCustomerAsksAndTheSellerApproves(TestEngine e) throws Exception {
        Paid p = RefundFixture.paid(e, true);
        try (Browser b = new Browser()) {
            signedInAs(b, e, p.customer().client());
            b.open(e.base() + "/account/orders/" + p.orderId());
            b.click("input[name=scope][value=lines]");
            b.click("input[name='line." + p.line1() + "']");
            b.type("#refund-reason", "The icons are blurry on my screen");
            b.screenshot("refund-request-" + e.kind());
            b.click("form.refund-request button[type=submit]");
            assertThat(b.text(".notice.ok")).startsWith("We received your refund request");
            assertThat(b.text("table.refunds")).contains("15.00", "Requested", "The icons are blurry on my screen");

            signedInAs(b, e, p.seller().client());
            b.open(e.base() + "/seller/products");
            b.click("a[href='/seller/refunds']");
            assertThat(b.text("section.refund")).contains("The icons are blurry on my screen", "Requested");
            b.screenshot("refund-seller-" + e.kind());
            b.click("form.approve button");
            assertThat(b.text(".notice.ok")).startsWith("The refund was approved");
            assertThat(b.text("section.refund")).contains("Succeeded");
            b.screenshot("refund-approved-" + e.kind());
        }
        assertThat(RefundFixture.refunds(p).get(0).get("status").asText()).isEqualTo("succeeded");
    }
}
