package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.RefundFixture.audited;
import static com.mintreu.engine.checkout.RefundFixture.deliver;
import static com.mintreu.engine.checkout.RefundFixture.entitlement;
import static com.mintreu.engine.checkout.RefundFixture.license;
import static com.mintreu.engine.checkout.RefundFixture.mailsTo;
import static com.mintreu.engine.checkout.RefundFixture.paid;
import static com.mintreu.engine.checkout.RefundFixture.refunds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.checkout.RefundFixture.Paid;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The refund pages over HTTP with the sandbox gateway, on both databases: the customer asks on the
 * order page, the seller decides on {@code /seller/refunds}, an admin on {@code /admin/refunds} or
 * refunds directly from the admin order page. Auto-approve is off (the default): every request waits.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class RefundPagesTest {

    private static final String FORM = "form.refund-request";

    private static Response ask(Paid p, Map<String, String> values) {
        return p.customer().client().submitForm("/account/orders/" + p.orderId() + "?refund=1", FORM, values);
    }

    @EngineTest
    void theCustomerAsksForLinesWithAReasonAndBadInputComesBackBesideTheFields(TestEngine e) {
        Paid p = paid(e, false);
        // paid, being prepared: the page refreshes and offers the form behind a link; asked for, it stops refreshing
        Document preparing = p.customer().client().get("/account/orders/" + p.orderId()).html();
        assertThat(preparing.select("meta[http-equiv=refresh]")).isNotEmpty();
        assertThat(preparing.select(FORM)).isEmpty();
        assertThat(preparing.select("a[href$=?refund=1#refund]")).hasSize(1);
        Document asking = p.customer().client().get("/account/orders/" + p.orderId() + "?refund=1").html();
        assertThat(asking.select(FORM)).hasSize(1);
        assertThat(asking.select("meta[http-equiv=refresh]")).as("a reload would lose what is typed").isEmpty();
        deliver(e);
        Document ready = p.customer().client().get("/account/orders/" + p.orderId()).html();
        assertThat(ready.select(FORM)).as("a fulfilled order shows the form at once").hasSize(1);
        assertThat(ready.select("meta[http-equiv=refresh]")).isEmpty();

        // no line chosen: the message is beside the lines, the reason is kept
        Response noLine = ask(p, Map.of("scope", "lines", "reason", "the icons are blurry"));
        assertThat(noLine.status()).as(noLine.body()).isEqualTo(422);
        Document d = noLine.html();
        assertThat(d.select("#refund-lines-error").text()).contains("choose at least one line");
        assertThat(d.select("textarea[name=reason]").text()).isEqualTo("the icons are blurry");
        assertThat(d.select("input[name=scope][value=lines]").hasAttr("checked")).isTrue();
        // no reason, and a reason too long: beside the reason, the chosen line still checked
        Response noReason = ask(p, Map.of("scope", "lines", "line." + p.line1(), "on", "reason", "  "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.html().select("#refund-reason-error").text()).contains("say why");
        assertThat(noReason.html().select("input[name='line." + p.line1() + "']").hasAttr("checked")).isTrue();
        Response tooLong = ask(p, Map.of("scope", "order", "reason", "x".repeat(1001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.html().select("#refund-reason-error").text()).contains("at most 1000");
        // a forged line id is not a line of this order: said in the summary, never a 500
        Response forged = ask(p, Map.of("scope", "lines", "line.oln_nope", "on", "reason", "why not"));
        assertThat(forged.status()).isEqualTo(422);
        // without the form's CSRF token nothing is asked
        Response noToken = p.customer().client().postForm("/account/orders/" + p.orderId() + "/refunds",
                Map.of("scope", "order", "reason", "cross-site"));
        assertThat(noToken.status()).isEqualTo(403);
        // another customer: the order is not there
        TestClient stranger = TestUsers.signIn(e, "customer").client();
        assertThat(stranger.get("/account/orders/" + p.orderId()).status()).isEqualTo(404);
        Response foreign = stranger.postForm("/account/orders/" + p.orderId() + "/refunds",
                Map.of("_csrf", token(stranger), "scope", "order", "reason", "mine now"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(refunds(p)).as("nothing was asked by any of these").isEmpty();

        // line 1 with a reason: asked, shown on the page, the customer and the seller are told
        Response asked = ask(p, Map.of("scope", "lines", "line." + p.line1(), "on", "reason", "the icons are blurry"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(303);
        assertThat(asked.header("Location")).endsWith("/account/orders/" + p.orderId() + "?notice=refund-requested");
        JsonNode r = refunds(p).get(0);
        assertThat(r.get("status").asText()).isEqualTo("requested");
        assertThat(r.get("amountMinor").asLong()).isEqualTo(1500);
        assertThat(r.get("reason").asText()).isEqualTo("the icons are blurry");
        assertThat(r.get("lines").findValuesAsText("lineId")).containsExactly(p.line1());
        Document shown = p.customer().client().get(asked.header("Location")).html();
        assertThat(shown.select("tr.refund").text()).contains("15.00").contains("Requested").contains("the icons are blurry");
        assertThat(shown.select(".notice.ok").text()).contains("We received your refund request");
        assertThat(shown.select("input[name='line." + p.line1() + "']")).as("line 1 is asked for in full").isEmpty();
        assertThat(shown.select("input[name='line." + p.line2() + "']")).hasSize(1);
        assertThat(mailsTo(e, p.customer(), "We received your refund request")).isEqualTo(1);
        assertThat(mailsTo(e, p.seller(), "Approve or decline it")).isEqualTo(1);
    }

    @EngineTest
    void theSellerDecidesOnlyTheirOwnRefundsPendingFirstAndAnApprovalRevokesTheLine(TestEngine e) {
        Paid p = paid(e, true);
        String link1 = entitlement(p, p.line1(), "download").get("downloadUrl").asText();
        assertThat(e.client().get(link1).status()).isEqualTo(200);
        assertThat(ask(p, Map.of("scope", "lines", "line." + p.line1(), "on", "reason", "does not start")).status()).isEqualTo(303);
        assertThat(ask(p, Map.of("scope", "lines", "line." + p.line2(), "on", "reason", "bought twice")).status()).isEqualTo(303);
        String first = refunds(p).get(1).get("id").asText();
        String second = refunds(p).get(0).get("id").asText();

        // another seller sees none of it and cannot decide it
        TestUsers.User other = TestUsers.signIn(e, "seller");
        assertThat(other.client().get("/seller/refunds").html().select("section.refund")).isEmpty();
        Response foreign = other.client().postForm("/seller/refunds/" + first + "/approve", Map.of("_csrf", token(other.client())));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(p.customer().client().get("/seller/refunds").status()).as("not a seller").isEqualTo(403);

        // declining needs a reason, kept beside the input; then the newer request is declined
        TestClient seller = p.seller().client();
        Response blank = seller.submitForm("/seller/refunds", "#refund-" + second + " form.decline", Map.of("note", " "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.html().select("#decide-" + second + "-note-error").text()).contains("say why");
        Response declined = seller.submitForm("/seller/refunds", "#refund-" + second + " form.decline", Map.of("note", "works for everyone else"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(303);
        assertThat(mailsTo(e, p.customer(), "works for everyone else")).isEqualTo(1);
        assertThat(audited(e, "refund.decline", second)).isEqualTo(1);

        // pending first: the older, still requested one comes before the newer, declined one
        Document page = seller.get("/seller/refunds").html();
        assertThat(page.select("a[href=/seller/refunds]").size() + page.select("h1").text().length()).isPositive();
        assertThat(page.select("section.refund").eachAttr("id")).containsSubsequence("refund-" + first, "refund-" + second);
        assertThat(page.select("#refund-" + second + " form")).as("decided").isEmpty();
        assertThat(page.select("#refund-" + first).text()).contains("does not start").contains("15.00");

        Response approved = seller.submitForm("/seller/refunds", "#refund-" + first + " form.approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(303);
        assertThat(seller.get(approved.header("Location")).html().select(".notice.ok").text()).contains("approved");
        JsonNode done = p.customer().client().get("/api/v1/refunds/" + first).json();
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(audited(e, "refund.approve", first)).isEqualTo(1);
        deliver(e);
        assertThat(license(p, p.line1())).isEqualTo("revoked/revoked");
        assertThat(license(p, p.line2())).isEqualTo("active/active");
        assertThat(e.client().get(link1).status()).isEqualTo(410);
        assertThat(mailsTo(e, p.customer(), "is on its way")).isEqualTo(1);
        assertThat(p.customer().client().get("/account/orders/" + p.orderId()).html().select("tr.refund").text()).contains("Succeeded");
        // approving again is no longer possible: said on the page, nothing refunded twice
        Response again = seller.postForm("/seller/refunds/" + first + "/approve", Map.of("_csrf", token(seller)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html().select(".notice.error").text()).contains("cannot be approved");
    }

    @EngineTest
    void anAdminDeclinesOnTheRefundsPageAndRefundsDirectlyFromTheOrderPage(TestEngine e) {
        Paid p = paid(e, true);
        assertThat(ask(p, Map.of("scope", "order", "reason", "changed my mind")).status()).isEqualTo(303);
        String asked = refunds(p).get(0).get("id").asText();
        assertThat(refunds(p).get(0).get("amountMinor").asLong()).isEqualTo(4000);

        TestUsers.User admin = TestUsers.signIn(e, "admin");
        TestClient a = admin.client();
        assertThat(a.get("/admin").html().select("a[href=/admin/refunds]")).hasSize(1);
        Document requested = a.get("/admin/refunds?status=requested").html();
        assertThat(requested.select("#refund-" + asked).text()).contains("changed my mind").contains("40.00");
        assertThat(a.get("/admin/refunds?status=succeeded").html().select("#refund-" + asked)).isEmpty();
        Response declined = a.submitForm("/admin/refunds?status=requested", "#refund-" + asked + " form.decline",
                Map.of("note", "the order is older than our refund window"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(303);
        assertThat(p.customer().client().get("/api/v1/refunds/" + asked).json().get("status").asText()).isEqualTo("declined");
        assertThat(audited(e, "refund.decline", asked)).isEqualTo(1);
        assertThat(mailsTo(e, p.customer(), "was declined")).isEqualTo(1);

        // a direct refund: an unreadable amount comes back beside its input, with what was typed
        String orderPage = "/admin/orders/" + p.orderId();
        Response bad = a.submitForm(orderPage, "form.refund-direct", Map.of("scope", "lines", "line." + p.line2(), "on",
                "amount." + p.line2(), "ten", "reason", "goodwill"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.html().select("[id='refund-amount." + p.line2() + "-error']").text()).isNotBlank();
        assertThat(bad.html().select("input[name='amount." + p.line2() + "']").attr("value")).isEqualTo("ten");
        Response tooMuch = a.submitForm(orderPage, "form.refund-direct", Map.of("scope", "lines", "line." + p.line2(), "on",
                "amount." + p.line2(), "25.01", "reason", "goodwill"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.html().select(".notice.error").text()).contains("left to refund");
        Response direct = a.submitForm(orderPage, "form.refund-direct", Map.of("scope", "lines", "line." + p.line2(), "on",
                "amount." + p.line2(), "10.00", "reason", "goodwill"));
        assertThat(direct.status()).as(direct.body()).isEqualTo(303);
        JsonNode refund = refunds(p).get(0);
        assertThat(refund.get("status").asText()).isEqualTo("succeeded");
        assertThat(refund.get("amountMinor").asLong()).isEqualTo(1000);
        assertThat(refund.get("source").asText()).isEqualTo("admin");
        assertThat(audited(e, "refund.direct", refund.get("id").asText())).isEqualTo(1);
        Document after = a.get(direct.header("Location")).html();
        assertThat(after.select(".notice.ok").text()).contains("refund was sent");
        assertThat(after.select("tr.refund").text()).contains("goodwill").contains("Succeeded").contains("Declined");
        deliver(e);
        assertThat(license(p, p.line2())).as("a partial refund keeps the line").isEqualTo("active/active");
        // a seller cannot use the admin's form
        Response sellerTry = p.seller().client().postForm(orderPage + "/refunds", Map.of("_csrf", token(p.seller().client()),
                "scope", "order", "reason", "x"));
        assertThat(sellerTry.status()).isEqualTo(403);
    }

    /** The CSRF token of the client's session, as any page's forms carry it. */
    private static String token(TestClient client) {
        return client.get("/account/orders").html().select("input[name=_csrf]").attr("value");
    }
}
