package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/** {@code /seller/vouchers} as a seller uses it without JavaScript: the form, its messages, the list, disabling, and nobody else's vouchers. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class SellerVoucherPagesTest {

    private static String productOf(TestEngine e, String plan) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :p").bind("p", plan).mapTo(String.class).one());
    }

    private static String voucherId(TestEngine e, String code) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM vouchers WHERE code = :c").bind("c", code).mapTo(String.class).one());
    }

    @EngineTest
    void aSellerCreatesAndDisablesAVoucherFromThePage(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String plan = publishedPlan(e, seller, 2000, "download");
        String product = productOf(e, plan);
        assertThat(seller.get("/seller/products").html().select("a[href=/seller/vouchers]")).as("linked from the seller's pages").isNotEmpty();
        Document empty = seller.get("/seller/vouchers").html();
        assertThat(empty.select("input[name=product." + product + "]")).as("a box per own product").hasSize(1);

        String code = "PAGE-" + e.kind().toUpperCase();
        Response created = seller.submitForm("/seller/vouchers", "form.new-voucher", Map.of("code", code.toLowerCase(), "amount", "5.50",
                "currency", "eur", "expires", "2999-12-31", "maxUses", "10", "perCustomerLimit", "1", "product." + product, "on"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String id = voucherId(e, code);
        Document list = seller.get(created.header("Location")).html();
        assertThat(list.select(".notice.ok").text()).contains("ready");
        assertThat(list.select("#voucher-" + id).text()).contains(code).contains("5.50 EUR").contains("0 of 10").contains("active");
        java.util.List<String> scoped = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM voucher_products WHERE voucher_id = :v")
                .bind("v", id).mapTo(String.class).list());
        assertThat(scoped).containsExactly(product);

        TestClient other = TestUsers.signIn(e, "seller").client();
        assertThat(other.get("/seller/vouchers").html().select("#voucher-" + id)).as("another seller does not see it").isEmpty();
        String otherCsrf = other.get("/seller/vouchers").html().selectFirst("form.new-voucher input[type=hidden]").attr("value");
        String csrfName = other.get("/seller/vouchers").html().selectFirst("form.new-voucher input[type=hidden]").attr("name");
        assertThat(other.postForm("/seller/vouchers/" + id + "/disable", Map.of(csrfName, otherCsrf)).status()).as("another seller's voucher").isEqualTo(404);
        assertThat(seller.postForm("/seller/vouchers/" + id + "/disable", Map.of()).status()).as("a form without its CSRF token").isEqualTo(403);
        assertThat(TestUsers.signIn(e, "customer").client().get("/seller/vouchers").status()).isEqualTo(403);

        Response disabled = seller.submitForm("/seller/vouchers", "#voucher-" + id + " form.disable", Map.of());
        assertThat(disabled.status()).isEqualTo(303);
        Document after = seller.get(disabled.header("Location")).html();
        assertThat(after.select("#voucher-" + id + " .status").text()).isEqualTo("disabled");
        assertThat(after.select("#voucher-" + id + " form.disable")).isEmpty();
    }

    @EngineTest
    void everyWrongFieldIsExplainedOnTheFormAndNothingIsSaved(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String othersProduct = productOf(e, publishedPlan(e, TestUsers.signIn(e, "seller").client(), 1000, "download"));
        Map<Map<String, String>, String[]> cases = Map.ofEntries(
                Map.entry(Map.of("code", "x!", "percent", "10"), new String[] {"code", "3 to 32 letters"}),
                Map.entry(Map.of("code", "GOOD1", "percent", "150"), new String[] {"percent", "1 to 100"}),
                Map.entry(Map.of("code", "GOOD1", "percent", "ten"), new String[] {"percent", "whole number"}),
                Map.entry(Map.of("code", "GOOD1"), new String[] {"percent", "give a percent off"}),
                Map.entry(Map.of("code", "GOOD1", "percent", "10", "amount", "5", "currency", "EUR"), new String[] {"percent", "not both"}),
                Map.entry(Map.of("code", "GOOD1", "amount", "5.50", "currency", "QQQ"), new String[] {"currency", "ISO 4217"}),
                Map.entry(Map.of("code", "GOOD1", "amount", "five", "currency", "EUR"), new String[] {"amount", ""}),
                Map.entry(Map.of("code", "GOOD1", "percent", "10", "expires", "2001-01-01"), new String[] {"expires", "in the future"}),
                Map.entry(Map.of("code", "GOOD1", "percent", "10", "expires", "31/12/2099"), new String[] {"expires", "date such as"}),
                Map.entry(Map.of("code", "GOOD1", "percent", "10", "maxUses", "0"), new String[] {"maxUses", "at least 1"}),
                Map.entry(Map.of("code", "GOOD1", "percent", "10", "product." + othersProduct, "on"), new String[] {"products", "not one of your products"}));
        cases.forEach((fields, expected) -> {
            Response r = seller.submitForm("/seller/vouchers", "form.new-voucher", fields);
            assertThat(r.status()).as(fields.toString()).isEqualTo(422);
            Document page = r.html();
            assertThat(page.select("#create-" + expected[0] + "-error").text()).as(fields + "\n" + page.select(".notice.error").text())
                    .isNotEmpty().contains(expected[1]);
            assertThat(page.select(".notice.error").text()).contains("Nothing was saved");
            assertThat(page.select("input[name=code]").attr("value")).as("what was typed is kept").isEqualTo(fields.get("code"));
        });
        int saved = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM vouchers").mapTo(Integer.class).one());
        assertThat(saved).isZero();
    }
}
