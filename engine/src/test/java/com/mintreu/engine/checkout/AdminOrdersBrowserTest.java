package com.mintreu.engine.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.Browser;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import org.openqa.selenium.Cookie;

/** The admin's order pages in Chromium: the list, a held order's page and releasing it (screenshots for a person). */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class AdminOrdersBrowserTest {

    @EngineTest
    void anAdminReleasesAHeldOrderFromItsPage(TestEngine e) throws Exception {
        AdminOrderPagesTest.place(e, 1200);
        AdminOrderPagesTest.Placed held = AdminOrderPagesTest.place(e, 4000);
        AdminOrderPagesTest.webhook(e, "evt_browser_cheap_" + e.kind(), held, 400);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        try (Browser b = new Browser()) {
            b.open(e.base() + "/static/css/site.css");
            admin.cookies().forEach(c -> b.driver().manage().addCookie(new Cookie(c.getName(), c.getValue(), "/")));
            b.open(e.base() + "/admin/orders");
            assertThat(b.text("table.orders")).contains(held.customer().id() + "@example.test", "Held", "Pending");
            b.screenshot("admin-orders-" + e.kind());
            b.click("a[href='/admin/orders/" + held.orderId() + "']");
            assertThat(b.text("dl.facts")).contains("Held");
            b.screenshot("admin-order-held-" + e.kind());
            b.click("form[action$='/release'] button");
            assertThat(b.text(".notice.ok")).startsWith("The order was released");
            b.screenshot("admin-order-released-" + e.kind());
        }
    }
}
