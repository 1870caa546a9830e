package com.mintreu.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.TestUsers.User;
import com.mintreu.engine.testing.WithConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The support pages without JavaScript: a customer asks from their order page, the seller answers
 * from the inbox (notes stay internal, every public reply mails the other side), the customer marks
 * it solved, response times show up; a question without a purchase goes to the admins, who can also
 * take any ticket over.
 */
@WithConfig(value = "support: {adminEmail: team@shop.test}\noutbox: {pollInterval: 1h}\n", bundledPlugins = true)
class SupportPagesTest {

    @EngineTest
    void aCustomerAsksAboutAnOrderTheSellerAnswersAndBothSeeTheTimes(TestEngine e) {
        User seller = TestUsers.signIn(e, "seller");
        User admin = TestUsers.signIn(e, "admin");
        User customer = TestUsers.signIn(e, "customer");
        User stranger = TestUsers.signIn(e, "customer");
        Item pack = Purchases.publish(seller.client(), seller.id(), admin.client(), "download", "Ticket Pack", Map.of(), "t.zip", new byte[] {1});
        String orderId = Purchases.paidOrder(e, customer.id(), pack);

        String help = customer.client().get("/account/orders/" + orderId).html().select("a#get-help").attr("href");
        assertThat(help).isEqualTo("/account/tickets/new?order=" + orderId);
        Response sent = Tickets.submit(customer.client(), help, "form#ticket-form",
                Map.of("subject", "<script>alert(1)</script> will not start", "body", "It says <b>error</b>\nsecond line", "step", "send"),
                new Tickets.File("log.txt", "text/plain", "line one\nline <two>\n".getBytes(StandardCharsets.UTF_8)));
        String id = Tickets.ticketId(sent);
        assertThat(Tickets.mails(e, seller.id() + "@example.test", "New support ticket")).as("the seller hears of it").isEqualTo(1);

        Response mine = customer.client().get("/account/tickets/" + id);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<b>error</b>");
        Document page = mine.html();
        assertThat(page.select("h1").text()).isEqualTo("<script>alert(1)</script> will not start");
        assertThat(page.select("#ticket-status").text()).isEqualTo("open");
        assertThat(page.select("#ticket-meta").text()).contains("order " + orderId).contains("Ticket Pack");
        String file = page.select("ul.attachments a").attr("href");
        Response download = customer.client().get(file);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("line one\nline <two>\n");
        assertThat(download.header("Content-Disposition")).startsWith("attachment;").contains("log.txt");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Type")).startsWith("text/plain");

        // nobody else: not the page, the attachment, a reply or a status change
        assertThat(stranger.client().get("/account/tickets/" + id).status()).isEqualTo(404);
        assertThat(stranger.client().get(file).status()).isEqualTo(404);
        assertThat(Tickets.post(stranger.client(), "/account/tickets/" + id + "/reply", Map.of("_csrf", Tickets.csrf(stranger.client()), "body", "hi"), null)
                .status()).isEqualTo(404);
        assertThat(stranger.client().get("/account/tickets").html().select("#tickets a")).isEmpty();

        // the seller's inbox, filtered by product and status
        e.clock().advance(Duration.ofMinutes(90));
        Document inbox = seller.client().get("/seller/support?status=open&product=" + pack.productId()).html();
        assertThat(inbox.select("#tickets a[href=/account/tickets/" + id + "]")).hasSize(1);
        assertThat(seller.client().get("/seller/support?status=solved").html().select("#tickets a")).isEmpty();
        assertThat(customer.client().get("/seller/support").status()).isEqualTo(403);

        Response note = Tickets.submit(seller.client(), "/account/tickets/" + id, "form#reply-form",
                Map.of("body", "Customer seems to use an old version", "internal", "1"), null);
        assertThat(note.status()).isEqualTo(303);
        Response answer = Tickets.submit(seller.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "Please update to 1.0.1"), null);
        assertThat(answer.status()).isEqualTo(303);

        Document customerView = customer.client().get("/account/tickets/" + id).html();
        assertThat(customerView.text()).contains("Please update to 1.0.1").doesNotContain("old version");
        assertThat(customerView.select(".internal-note")).isEmpty();
        assertThat(customerView.select("#ticket-status").text()).isEqualTo("waiting on customer");
        assertThat(customerView.select("#reply-internal")).as("no notes for customers").isEmpty();
        assertThat(seller.client().get("/account/tickets/" + id).html().select(".internal-note").text()).contains("old version");
        assertThat(Tickets.mails(e, customer.id() + "@example.test", "Please update to 1.0.1")).isEqualTo(1);
        Response api = customer.client().get("/api/v1/tickets/" + id);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).contains("Please update to 1.0.1").doesNotContain("old version");
        assertThat(seller.client().get("/api/v1/tickets/" + id).body()).contains("old version");
        assertThat(stranger.client().get("/api/v1/tickets/" + id).status()).isEqualTo(404);
        assertThat(stranger.client().postJson("/api/v1/tickets/" + id + "/messages", Map.of("body", "hi")).status()).isEqualTo(404);
        assertThat(Tickets.mails(e, "", "old version")).as("a note is never mailed").isZero();

        e.clock().advance(Duration.ofMinutes(30));
        Response reply = Tickets.submit(customer.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "Updated, works"), null);
        assertThat(reply.status()).isEqualTo(303);
        assertThat(Tickets.mails(e, seller.id() + "@example.test", "Updated, works")).isEqualTo(1);
        assertThat(customer.client().get("/account/tickets/" + id).html().select("#ticket-status").text()).isEqualTo("waiting on seller");
        assertThat(customer.client().submitForm("/account/tickets/" + id, "form#solve-form", Map.of()).status()).isEqualTo(303);
        Response twice = customer.client().postForm("/account/tickets/" + id + "/solve",
                Map.of("_csrf", Tickets.csrf(customer.client())));
        assertThat(twice.status()).as("solving a solved ticket").isEqualTo(409);

        Document figures = seller.client().get("/seller/support").html();
        assertThat(figures.select("#median-first-response").text()).isEqualTo("1 h 30 min");
        assertThat(figures.select("#median-resolution").text()).isEqualTo("2 h 0 min");
        assertThat(seller.client().submitForm("/account/tickets/" + id, "form#close-form", Map.of()).status()).isEqualTo(303);
        Document closed = customer.client().get("/account/tickets/" + id).html();
        assertThat(closed.select("#ticket-status").text()).isEqualTo("closed");
        assertThat(closed.select("form#reply-form")).isEmpty();
        assertThat(admin.client().get("/admin/support").html().select("#median-resolution").text()).isNotEqualTo("—");
    }

    @EngineTest
    void aQuestionWithoutAPurchaseGoesToTheAdminsWhoMayTakeOverAnyTicket(TestEngine e) {
        User admin = TestUsers.signIn(e, "admin");
        User other = TestUsers.signIn(e, "admin");
        User customer = TestUsers.signIn(e, "customer");
        User seller = TestUsers.signIn(e, "seller");
        Response sent = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form",
                Map.of("subject", "How do invoices work?", "body", "I need a VAT invoice", "step", "send"), null);
        String id = Tickets.ticketId(sent);
        assertThat(Tickets.mails(e, "team@shop.test", "I need a VAT invoice")).isEqualTo(1);
        assertThat(seller.client().get("/account/tickets/" + id).status()).isEqualTo(404);
        assertThat(admin.client().get("/admin/support?queue=admin").html().select("#tickets a[href=/account/tickets/" + id + "]")).hasSize(1);

        assertThat(admin.client().submitForm("/account/tickets/" + id, "form#take-over-form", Map.of()).status()).isEqualTo(303);
        Document taken = admin.client().get("/account/tickets/" + id).html();
        assertThat(taken.select("#ticket-times").text()).as("the assignee by name").contains("assignee: " + admin.displayName())
                .doesNotContain(admin.id());
        assertThat(admin.client().get("/admin/support").html().select("#tickets tr:has(a[href=/account/tickets/" + id + "]) td").get(1).text())
                .isEqualTo(admin.displayName());
        assertThat(taken.select("form#take-over-form")).as("already theirs").isEmpty();
        assertThat(other.client().get("/account/tickets/" + id).html().select("form#take-over-form")).hasSize(1);

        Tickets.submit(admin.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "See your account page"), null);
        Tickets.submit(customer.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "Found it, thanks"), null);
        assertThat(Tickets.mails(e, admin.id() + "@example.test", "Found it, thanks")).as("mail follows the take-over").isEqualTo(1);
        Response priority = admin.client().submitForm("/account/tickets/" + id, "form#priority-form", Map.of("priority", "bogus"));
        assertThat(priority.status()).isEqualTo(422);
        assertThat(priority.html().select(".notice.error").text()).contains("Priority");
        assertThat(admin.client().submitForm("/account/tickets/" + id, "form#priority-form", Map.of("priority", "high")).status()).isEqualTo(303);
        assertThat(customer.client().get("/account/tickets/" + id).html().select("#ticket-meta").text()).contains("priority high");
        assertThat(customer.client().get("/account/tickets/" + id).html().select("form#priority-form")).isEmpty();
        assertThat(customer.client().postForm("/account/tickets/" + id + "/take-over",
                Map.of("_csrf", Tickets.csrf(customer.client()))).status())
                .isEqualTo(404);
    }

    @EngineTest
    void everySupportPagePassesTheAccessibilityCheck(TestEngine e) {
        User seller = TestUsers.signIn(e, "seller");
        User admin = TestUsers.signIn(e, "admin");
        User customer = TestUsers.signIn(e, "customer");
        Item pack = Purchases.publish(seller.client(), seller.id(), admin.client(), "download", "A11y Pack", Map.of(), "a.zip", new byte[] {1});
        String orderId = Purchases.paidOrder(e, customer.id(), pack);
        String id = Tickets.ticketId(Tickets.submit(customer.client(), "/account/tickets/new?product=" + pack.productId(), "form#ticket-form",
                Map.of("subject", "Colours", "body", "Too dark", "step", "send"), new Tickets.File("a.txt", "text/plain", new byte[] {'a'})));
        Tickets.submit(seller.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "note", "internal", "1"), null);

        Map<User, String[]> pages = Map.of(
                customer, new String[] {"/account/tickets", "/account/tickets/new", "/account/tickets/new?order=" + orderId,
                        "/account/tickets/" + id, "/account/orders/" + orderId},
                seller, new String[] {"/seller/support", "/seller/support?status=open&product=" + pack.productId(), "/account/tickets/" + id},
                admin, new String[] {"/admin/support", "/admin/support?queue=admin", "/account/tickets/" + id});
        pages.forEach((user, paths) -> {
            for (String path : paths) {
                Response r = user.client().get(path);
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(A11y.check(r.body())).as(path).isEmpty();
            }
        });
        assertThat(customer.client().get("/account/tickets/new").html().select("#find-answers"))
                .as("with the knowledge base bound the form offers answers first").isNotEmpty();
        Response refused = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form", Map.of("subject", "", "body", ""), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(A11y.check(refused.body())).as("the refused form").isEmpty();
        Response refusedReply = Tickets.submit(customer.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", " "), null);
        assertThat(refusedReply.status()).isEqualTo(422);
        assertThat(A11y.check(refusedReply.body())).as("the refused reply").isEmpty();
    }

    @EngineTest
    void aLicenseOwnerAsksFromTheLicensePageAndTheSellerSeesTheLink(TestEngine e) throws Exception {
        User seller = TestUsers.signIn(e, "seller");
        User admin = TestUsers.signIn(e, "admin");
        User customer = TestUsers.signIn(e, "customer");
        Item app = Purchases.publish(seller.client(), seller.id(), admin.client(), "software", "Ticket App", Map.of("licenseDays", "30"), "app.tgz",
                new byte[] {7});
        Purchases.deliverPaid(e, Purchases.paidOrder(e, customer.id(), app));
        String license = customer.client().get("/api/v1/licenses").json().path("data").path(0).path("id").asText();
        assertThat(license).startsWith("lic_");

        String help = customer.client().get("/account/licenses/" + license).html().select("a#get-help").attr("href");
        assertThat(help).isEqualTo("/account/tickets/new?license=" + license);
        String id = Tickets.ticketId(Tickets.submit(customer.client(), help, "form#ticket-form",
                Map.of("subject", "Activation fails", "body", "Code 17", "step", "send"), null));
        assertThat(seller.client().get("/account/tickets/" + id).html().select("#ticket-meta").text()).contains("license " + license)
                .contains("Ticket App");
        assertThat(seller.client().get("/seller/support?product=" + app.productId()).html().select("#tickets a[href=/account/tickets/" + id + "]"))
                .hasSize(1);
        User other = TestUsers.signIn(e, "customer");
        assertThat(Tickets.submit(other.client(), help, "form#ticket-form", Map.of("subject", "Mine?", "body", "x", "step", "send"), null).status())
                .as("someone else's license").isEqualTo(404);
    }
}
