package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The accessibility check itself, and every page a customer, seller or admin has, passing it. */
class AccessibilityTest {

    @Test
    void aPageWithTheCommonMistakesFailsNamingEach() {
        String page = """
                <!doctype html><html><head><title> </title></head><body>
                <h2>Orders</h2><h4>Skipped</h4>
                <img src="a.png"><a href="/x"></a><button></button>
                <input name="q"><input type="submit"><select name="s"></select>
                <div id="d"></div><span id="d"></span><a href="/y" tabindex="3">y</a>
                <table><tr><td>1</td></tr></table><svg viewBox="0 0 1 1"></svg>
                </body></html>""";
        assertThat(A11y.check(page)).hasSize(14).anySatisfy(p -> assertThat(p).contains("lang"))
                .anySatisfy(p -> assertThat(p).contains("0 <h1>"))
                .anySatisfy(p -> assertThat(p).contains("heading level skipped"))
                .anySatisfy(p -> assertThat(p).contains("duplicate id \"d\""))
                .anySatisfy(p -> assertThat(p).contains("form control without a label: <input name=\"q\">"));
    }

    @Test
    void aPageThatNamesEverythingPasses() {
        String page = """
                <!doctype html><html lang="en"><head><title>Orders</title></head><body>
                <h1>Orders</h1><h2>Open</h2><h3>Today</h3><h2>Closed</h2>
                <img src="a.png" alt=""><a href="/x"><img src="l.png" alt="Home"></a>
                <button aria-label="Close">×</button><label>Search <input name="q"></label>
                <label for="s">Sort</label><select id="s" name="s"></select><input type="submit" value="Go">
                <table><tr><th>n</th></tr><tr><td>1</td></tr></table>
                <svg role="img" aria-label="Sales per day"></svg>
                </body></html>""";
        assertThat(A11y.check(page)).isEmpty();
    }

    @EngineTest
    void everyonesPagesPass(TestEngine engine) {
        Map<String, Object> failures = new LinkedHashMap<>();
        check(failures, engine.client(), List.of("/", "/search?q=timer", "/cart", "/login", "/register", "/forgot-password"));
        check(failures, TestUsers.signIn(engine, "customer").client(), List.of("/account", "/account/orders", "/account/licenses",
                "/account/downloads", "/account/subscriptions", "/account/api-keys", "/account/tokens",
                "/account/affiliate", "/account/seller-application"));
        check(failures, TestUsers.signIn(engine, "seller").client(), List.of("/seller/products", "/seller/products/new",
                "/seller/dashboard", "/seller/sales", "/seller/payouts", "/seller/refunds", "/seller/licenses",
                "/seller/subscriptions", "/seller/api-keys", "/seller/api-usage", "/seller/vouchers",
                "/seller/webhooks", "/seller/affiliate-rates"));
        check(failures, TestUsers.signIn(engine, "admin").client(), List.of("/admin", "/admin/products", "/admin/orders",
                "/admin/refunds", "/admin/seller-applications", "/admin/subscriptions", "/admin/payouts",
                "/admin/affiliates", "/admin/switches", "/admin/audit", "/admin/mails", "/admin/outbox",
                "/admin/plugins", "/admin/payment-methods"));
        assertThat(failures).as("pages that fail the check").isEmpty();
    }

    private static void check(Map<String, Object> failures, TestClient client, List<String> paths) {
        for (String path : paths) {
            TestClient.Response page = client.get(path);
            List<String> problems = page.status() == 200 ? A11y.check(page.body()) : List.of("status " + page.status());
            if (!problems.isEmpty()) {
                failures.put(path, problems);
            }
        }
    }
}
