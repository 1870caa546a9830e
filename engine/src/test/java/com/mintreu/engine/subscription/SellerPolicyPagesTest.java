package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.PlanChangeTest.april;
import static com.mintreu.engine.subscription.PlanChangeTest.plan;
import static com.mintreu.engine.subscription.SellerPolicyTest.firstOrder;
import static com.mintreu.engine.subscription.SellerPolicyTest.ownerOf;
import static com.mintreu.engine.subscription.SellerPolicyTest.productOf;
import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The seller's policy form and the customer's "Cancel now" with its confirm step, as used without JavaScript. */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SellerPolicyPagesTest {

    @EngineTest
    void theSellerTurnsTheRefundOnAndTheCustomerSeesAndGetsItOnCancelNow(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        String product = productOf(e, plans.get(0));
        TestClient seller = ownerOf(e, product);
        String form = "/seller/products/" + product + "/subscription-policy";
        assertThat(seller.get("/seller/products/" + product).html().selectFirst("a.subscription-policy-link").attr("href")).isEqualTo(form);
        Document page = seller.get(form).html();
        assertThat(page.select("form.subscription-policy label").text()).contains("Refund the unused part of the paid period")
                .contains("Downgrades apply now and credit the difference immediately");
        assertThat(page.select("input[type=checkbox][checked]")).as("both off by default").isEmpty();
        assertThat(seller.postForm(form, Map.of("refundUnusedOnCancel", "on")).status()).as("no CSRF token").isEqualTo(403);
        Response saved = seller.submitForm(form, "form.subscription-policy", Map.of("refundUnusedOnCancel", "on"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        Document after = seller.get(saved.header("Location")).html();
        assertThat(after.selectFirst("#policy-notice").text()).contains("saved");
        assertThat(after.select("input[name=refundUnusedOnCancel][checked]")).hasSize(1);
        assertThat(after.select("input[name=downgradeCreditsNow][checked]")).isEmpty();
        assertThat(TestUsers.signIn(e, "seller").client().get(form).status()).as("another seller's product").isEqualTo(404);

        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        e.clock().advance(Duration.ofHours(9 * 24 + 12));
        TestClient customer = again(e, buyer.id());
        String cancel = "/account/subscriptions/" + id + "/cancel-now";
        Element card = customer.get("/account/subscriptions").html().getElementById("subscription-" + id);
        assertThat(card.selectFirst("a.cancel-now").attr("href")).isEqualTo(cancel);
        assertThat(TestUsers.signIn(e, "customer").client().get(cancel).status()).as("another customer's").isEqualTo(404);
        Document confirm = customer.get(cancel).html();
        assertThat(confirm.selectFirst(".cancel-refund").text()).contains("Refund: 20.30").contains("21/30");
        assertThat(confirm.selectFirst("form.cancel-now-confirm button").text()).contains("refund 20.30");
        assertThat(subscription(customer).get("status").asText()).as("nothing happens before confirming").isEqualTo("active");

        Response done = customer.submitForm(cancel, "form.cancel-now-confirm", Map.of());
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        Document list = customer.get(done.header("Location")).html();
        assertThat(list.selectFirst("#subscription-notice").text()).contains("canceled now").contains("refund");
        assertThat(list.getElementById("subscription-" + id).select("a.cancel-now")).isEmpty();
        drain(e);
        assertThat(count(e, "SELECT amount_minor FROM refunds WHERE order_id = ? AND status = 'succeeded'", firstOrder(e, id))).isEqualTo(2030);
        Response again = customer.get(cancel);
        assertThat(again.status()).as("a canceled one cannot be canceled").isEqualTo(409);
        assertThat(again.html().selectFirst("#cancel-notice").text()).contains("cannot be canceled now");
    }

    @EngineTest
    void aDowngradeUnderTheCreditPolicyShowsTheCreditAndAppliesNow(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        SellerPolicyTest.setPolicy(e, plans.get(0), false, true);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(1), 1, GOOD_CARD);
        e.clock().advance(Duration.ofHours(9 * 24 + 12));
        TestClient customer = again(e, buyer.id());
        String change = "/account/subscriptions/" + id + "/change-plan?plan=" + plans.get(0);
        Document page = customer.get(change).html();
        assertThat(page.select("section.card p.muted").text()).contains("the seller credits the difference");
        assertThat(page.selectFirst(".preview-credit").text()).startsWith("14.00");
        assertThat(page.selectFirst(".preview-applies").text()).isEqualTo("now");
        Response done = customer.submitForm(change, "form.confirm-change", Map.of());
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        Document list = customer.get(done.header("Location")).html();
        assertThat(list.selectFirst("#subscription-notice").text()).contains("Nothing was charged");
        assertThat(list.getElementById("subscription-" + id).selectFirst(".subscription-credit").text()).startsWith("14.00");
        assertThat(subscription(customer).get("planId").asText()).isEqualTo(plans.get(0));
    }

    @EngineTest
    void withoutThePolicyTheConfirmStepSaysNothingIsRefunded(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        TestClient customer = again(e, buyer.id());
        String cancel = "/account/subscriptions/" + id + "/cancel-now";
        Document confirm = customer.get(cancel).html();
        assertThat(confirm.selectFirst(".cancel-refund").text()).contains("Refund: 0.00").contains("does not refund");
        assertThat(confirm.selectFirst("form.cancel-now-confirm button").text()).isEqualTo("Cancel now");
        Response done = customer.submitForm(cancel, "form.cancel-now-confirm", Map.of());
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        assertThat(customer.get(done.header("Location")).html().selectFirst("#subscription-notice").text()).contains("Nothing was refunded");
        assertThat(count(e, "SELECT COUNT(*) FROM refunds WHERE order_id = ?", firstOrder(e, id))).isZero();
    }
}
