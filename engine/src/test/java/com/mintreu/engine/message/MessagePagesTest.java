package com.mintreu.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The pages without JavaScript: a customer asks from the product page, the seller answers from the
 * inbox, both see the thread; nobody else reads it; wrong input is said on the form with nothing
 * written; a reported message is hidden by an admin for both sides; the support switch stops writing.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\n")
class MessagePagesTest {

    private static final String SCRIPT = "<script>alert('x')</script> does it loop?";

    /** The session's form token, as any page with a form holds it (the sign-out form). */
    static String csrf(TestClient c) {
        return c.get("/account").html().selectFirst("input[name=_csrf]").attr("value");
    }

    @EngineTest
    void aCustomerAsksTheSellerAnswersAndBothSeeTheThread(TestEngine e) {
        Shop shop = Shop.open(e, "Loop Pack");
        TestClient customer = shop.customer().client();
        TestClient seller = shop.seller().client();

        Document anonymous = e.client().get(shop.productPage()).html();
        assertThat(anonymous.select("#ask-form")).isEmpty();
        assertThat(anonymous.select("a[href=/login?next=%2Fproducts%2F" + shop.slug() + "]").text()).contains("Sign in to ask");
        assertThat(seller.get(shop.productPage()).html().select("#ask-form")).as("no form for the product's own seller").isEmpty();
        Response product = customer.get(shop.productPage());
        assertThat(A11y.check(product.body())).isEmpty();

        Response asked = customer.submitForm(shop.productPage(), "#ask-form", Map.of("subject", "Loops?", "body", SCRIPT));
        assertThat(asked.status()).isEqualTo(303);
        String thread = asked.header("Location").replaceAll("\\?.*", "");
        assertThat(thread).startsWith("/account/messages/cnv_");
        String id = thread.substring("/account/messages/".length());
        assertThat(shop.mailsTo(shop.seller())).singleElement().asString().contains("/seller/messages/" + id).doesNotContain("alert");
        String event = e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'message.posted' AND payload LIKE :c")
                .bind("c", "%" + id + "%").mapTo(String.class).one());
        assertThat(event).contains("\"from\":\"customer\"", shop.seller().id()).doesNotContain("alert");

        Response mine = customer.get(asked.header("Location"));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).doesNotContain("<script>alert").contains("&lt;script&gt;");
        assertThat(mine.html().select(".message-body").text()).isEqualTo(SCRIPT);
        assertThat(A11y.check(mine.body())).isEmpty();

        Response inbox = seller.get("/seller/messages");
        assertThat(inbox.html().select("tbody tr").text()).contains("Loops?", "Loop Pack", "Unanswered", "new");
        assertThat(A11y.check(inbox.body())).isEmpty();
        Response theirs = seller.get("/seller/messages/" + id);
        assertThat(theirs.html().select(".message-body").text()).isEqualTo(SCRIPT);
        assertThat(A11y.check(theirs.body())).isEmpty();
        assertThat(seller.get("/seller/messages").html().select("tbody tr").text()).as("opened: no longer new").doesNotContain("new");
        assertThat(seller.get("/seller/messages?product=" + shop.item().productId()).html().select("tbody tr")).hasSize(1);
        assertThat(seller.get("/seller/messages?product=prd_other").html().select("tbody tr")).isEmpty();
        assertThat(seller.get("/seller/messages").html().select("#filter-product option").eachText()).containsExactly("All products", "Loop Pack");

        Response answered = seller.submitForm("/seller/messages/" + id, "#reply-form", Map.of("body", "Yes, <b>seamlessly</b>."));
        assertThat(answered.status()).isEqualTo(303);
        assertThat(shop.mailsTo(shop.customer())).singleElement().asString().contains("/account/messages/" + id);
        assertThat(seller.get("/seller/messages").html().select("tbody tr").text()).contains("Answered");

        Response list = customer.get("/account/messages");
        assertThat(list.html().select("tbody tr").text()).contains("Loops?", "New answer");
        assertThat(A11y.check(list.body())).isEmpty();
        Document again = customer.get(thread).html();
        assertThat(again.select(".message-body").eachText()).containsExactly(SCRIPT, "Yes, <b>seamlessly</b>.");
        assertThat(customer.get("/account/messages").html().select("tbody tr").text()).doesNotContain("New answer");

        // a follow-up from the product page lands in the same conversation
        assertThat(customer.submitForm(shop.productPage(), "#ask-form", Map.of("subject", "One more", "body", "And in stereo?")).status())
                .isEqualTo(303);
        assertThat(shop.conversations()).isEqualTo(1);
        assertThat(customer.get(thread).html().select(".message-body").eachText()).hasSize(3).last().isEqualTo("And in stereo?");
        JsonNode json = customer.get("/api/v1/messages/" + id).json();
        assertThat(json.get("subject").asText()).isEqualTo("Loops?");
        assertThat(json.get("messages").findValuesAsText("body")).containsExactly(SCRIPT, "Yes, <b>seamlessly</b>.", "And in stereo?");
        assertThat(seller.get("/api/v1/messages").json().at("/data/0/role").asText()).isEqualTo("seller");
        assertThat(seller.get("/api/v1/messages").json().at("/data/0/unread").asBoolean()).isTrue();
    }

    @EngineTest
    void someoneElsesConversationIsNotFoundAndTheSellerOfAnotherProductCannotAnswer(TestEngine e) {
        Shop shop = Shop.open(e, "Private Pack");
        Shop other = Shop.open(e, "Other Pack");
        String id = shop.customer().client().postJson("/api/v1/products/" + shop.item().productId() + "/questions",
                Map.of("subject", "Private", "body", "just between us")).json().get("id").asText();
        long before = shop.messages();

        TestUsers.User stranger = other.customer();
        TestUsers.User otherSeller = other.seller();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        for (TestClient c : new TestClient[] {stranger.client(), otherSeller.client(), admin}) {
            assertThat(c.get("/account/messages/" + id).status()).isEqualTo(404);
            assertThat(c.get("/api/v1/messages/" + id).status()).isEqualTo(404);
            assertThat(c.postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "hi")).status()).isEqualTo(404);
        }
        assertThat(otherSeller.client().get("/seller/messages/" + id).status()).isEqualTo(404);
        assertThat(otherSeller.client().postForm("/seller/messages/" + id + "/replies", Map.of("_csrf", csrf(otherSeller.client()), "body", "hi"))
                .status()).isEqualTo(404);
        assertThat(otherSeller.client().get("/seller/messages").body()).doesNotContain("Private");
        assertThat(admin.get("/seller/messages/" + id).status()).isEqualTo(404);
        // the customer's own conversation is not theirs to open as the seller, nor the seller's as a customer
        assertThat(shop.customer().client().get("/seller/messages/" + id).status()).isEqualTo(403);
        assertThat(shop.seller().client().get("/account/messages/" + id).status()).isEqualTo(404);
        assertThat(stranger.client().get("/account/messages/cnv_nobody").status()).isEqualTo(404);
        assertThat(shop.messages()).isEqualTo(before);
    }

    @EngineTest
    void wrongInputIsSaidOnTheFormAndNothingIsWritten(TestEngine e) {
        Shop shop = Shop.open(e, "Strict Pack");
        TestClient customer = shop.customer().client();

        Response empty = customer.submitForm(shop.productPage(), "#ask-form", Map.of("subject", " ", "body", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.html().select("#ask-form").isEmpty()).isFalse();
        assertThat(empty.html().select(".notice.error").text()).contains("Subject: 1 to 120 characters", "Your question: 1 to 4000 characters");
        assertThat(A11y.check(empty.body())).isEmpty();

        Response tooLong = customer.submitForm(shop.productPage(), "#ask-form", Map.of("subject", SCRIPT, "body", "x".repeat(4001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).doesNotContain("<script>alert");
        assertThat(tooLong.html().select("#ask-subject").attr("value")).as("what was typed stays").isEqualTo(SCRIPT);
        assertThat(customer.postJson("/api/v1/products/" + shop.item().productId() + "/questions",
                Map.of("subject", "s".repeat(121), "body", "fine")).status()).isEqualTo(422);
        assertThat(shop.conversations()).isZero();
        assertThat(shop.mailsTo(shop.seller())).isEmpty();

        String id = customer.postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "Ok", "body", "fine"))
                .json().get("id").asText();
        Response noReply = shop.seller().client().submitForm("/seller/messages/" + id, "#reply-form", Map.of("body", "\n "));
        assertThat(noReply.status()).isEqualTo(422);
        assertThat(noReply.html().select("#reply-form + .field-error, .field-error").text()).contains("1 to 4000 characters");
        assertThat(A11y.check(noReply.body())).isEmpty();
        assertThat(shop.messages()).isEqualTo(1);

        Response own = shop.seller().client().postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "Me", "body", "?"));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body()).contains("you sell this product");
        assertThat(e.client().postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "a", "body", "b")).status())
                .isEqualTo(401);
    }

    @EngineTest
    void aReportedMessageHiddenByAnAdminIsGoneForBothSidesAndAudited(TestEngine e) {
        Shop shop = Shop.open(e, "Report Pack");
        TestClient customer = shop.customer().client();
        TestClient seller = shop.seller().client();
        TestUsers.User admin = TestUsers.signIn(e, "admin");
        String id = customer.postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "Price?", "body", "Cheaper?"))
                .json().get("id").asText();
        String rude = seller.postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "Buy it or leave, rude words")).json().get("id").asText();
        String polite = seller.postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "Sorry, I mean: no discount.")).json().get("id").asText();

        String form = "form[action=/account/messages/" + id + "/reports]:has(input[value=" + rude + "])";
        Response noReason = customer.submitForm("/account/messages/" + id, form, Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.html().select(".notice.error").text()).contains("Why you report it");
        assertThat(customer.submitForm("/account/messages/" + id, form, Map.of("reason", "insulting")).status()).isEqualTo(303);
        Response twice = customer.submitForm("/account/messages/" + id, form, Map.of("reason", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.html().select(".notice.error").text()).contains("already reported");
        assertThat(customer.get("/account/messages/" + id).html().select("form[action$=/reports] input[name=messageId]").eachAttr("value"))
                .as("only the other side's messages can be reported").containsExactlyInAnyOrder(rude, polite);
        String politeForm = "form[action=/account/messages/" + id + "/reports]:has(input[value=" + polite + "])";
        assertThat(customer.submitForm("/account/messages/" + id, politeForm, Map.of("reason", "not sure")).status()).isEqualTo(303);

        Response queue = admin.client().get("/admin/messages");
        assertThat(queue.html().text()).contains("Buy it or leave, rude words", "insulting", "Sorry, I mean: no discount.");
        assertThat(A11y.check(queue.body())).isEmpty();
        assertThat(customer.get("/admin/messages").status()).isEqualTo(403);
        String rudeReport = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM message_reports WHERE message_id = :m").bind("m", rude)
                .mapTo(String.class).one());
        String politeReport = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM message_reports WHERE message_id = :m").bind("m", polite)
                .mapTo(String.class).one());

        assertThat(admin.client().submitForm("/admin/messages", "form[action=/admin/messages/reports/" + rudeReport + "/hide]", Map.of()).status())
                .isEqualTo(303);
        assertThat(admin.client().submitForm("/admin/messages", "form[action=/admin/messages/reports/" + politeReport + "/dismiss]", Map.of())
                .status()).isEqualTo(303);
        Response late = admin.client().postForm("/admin/messages/reports/" + rudeReport + "/dismiss", Map.of("_csrf", csrf(admin.client())));
        assertThat(late.status()).as("decided already").isEqualTo(409);
        assertThat(late.html().text()).contains("Another admin decided this report already");
        assertThat(admin.client().get("/admin/messages").html().text()).doesNotContain("rude words").contains("No open reports");

        for (Response page : new Response[] {customer.get("/account/messages/" + id), seller.get("/seller/messages/" + id)}) {
            assertThat(page.body()).doesNotContain("rude words").contains("hidden by the marketplace's staff").contains("no discount");
        }
        for (TestClient c : new TestClient[] {customer, seller}) {
            JsonNode hidden = c.get("/api/v1/messages/" + id).json().get("messages").get(1);
            assertThat(hidden.get("id").asText()).isEqualTo(rude);
            assertThat(hidden.get("hidden").asBoolean()).isTrue();
            assertThat(hidden.has("body")).as("no body once hidden").isFalse();
        }
        JsonNode audit = admin.client().get("/api/v1/admin/audit?action=message.").json();
        assertThat(audit.get("data").findValuesAsText("action")).contains("message.report", "message.hide", "message.report.dismiss");
        String kept = e.jdbi().withHandle(h -> h.createQuery("SELECT body FROM messages WHERE id = :m").bind("m", rude).mapTo(String.class).one());
        assertThat(kept).as("kept for the audit").isEqualTo("Buy it or leave, rude words");
    }

    @EngineTest
    void theSupportSwitchStopsAskingAndAnsweringButNotReading(TestEngine e) {
        Shop shop = Shop.open(e, "Switch Pack");
        TestClient customer = shop.customer().client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String id = customer.postJson("/api/v1/products/" + shop.item().productId() + "/questions", Map.of("subject", "On?", "body", "Before"))
                .json().get("id").asText();
        assertThat(admin.putJson("/api/v1/admin/switches/support", Map.of("engaged", true, "reason", "test")).status()).isEqualTo(200);
        try {
            Response page = customer.submitForm(shop.productPage(), "#ask-form", Map.of("subject", "Off?", "body", "During"));
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.html().text()).contains("Support is paused");
            Response api = customer.postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "During"));
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.json().get("code").asText()).isEqualTo("SUPPORT_DISABLED");
            assertThat(shop.seller().client().submitForm("/seller/messages/" + id, "#reply-form", Map.of("body", "During")).status()).isEqualTo(503);
            assertThat(customer.get("/account/messages/" + id).html().select(".message-body").eachText()).containsExactly("Before");
            assertThat(customer.get("/api/v1/messages").status()).isEqualTo(200);
            assertThat(shop.messages()).isEqualTo(1);
        } finally {
            admin.putJson("/api/v1/admin/switches/support", Map.of("engaged", false, "reason", "test"));
        }
        assertThat(customer.postJson("/api/v1/messages/" + id + "/replies", Map.of("body", "After")).status()).isEqualTo(201);
    }

    @EngineTest
    void emptyListsPassTheAccessibilityCheck(TestEngine e) {
        for (var visit : Map.of("/account/messages", "customer", "/seller/messages", "seller", "/admin/messages", "admin").entrySet()) {
            Response page = TestUsers.signIn(e, visit.getValue()).client().get(visit.getKey());
            assertThat(page.status()).as(visit.getKey()).isEqualTo(200);
            assertThat(A11y.check(page.body())).as(visit.getKey()).isEmpty();
        }
        assertThat(e.client().get("/account/messages").status()).as("anonymous: to the sign-in page").isEqualTo(303);
        assertThat(TestUsers.signIn(e, "customer").client().get("/seller/messages").status()).isEqualTo(403);
        assertThat(TestUsers.signIn(e, "seller").client().get("/admin/messages").status()).isEqualTo(403);
    }
}
