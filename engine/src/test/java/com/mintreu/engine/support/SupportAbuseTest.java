package com.mintreu.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.TestUsers.User;
import com.mintreu.engine.testing.WithConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bad input and abuse: oversized or wrong-type attachments and empty texts are refused on the form
 * with nothing written (no ticket, no message, no stored object); someone else's order is 404; a
 * flood of tickets is cut off with 429; the support kill switch stops writes and keeps reading.
 */
@WithConfig(value = "support: {attachmentMaxBytes: 2048, ticketsPerHour: 3}\n", bundledPlugins = true)
class SupportAbuseTest {

    static final Map<String, String> OK = Map.of("subject", "Broken", "body", "Please help", "step", "send");

    @EngineTest
    void badFilesAndTextsAreShownOnTheFormAndNothingIsWritten(TestEngine e) {
        User customer = TestUsers.signIn(e, "customer");
        long tickets = Tickets.count(e, "helpdesk_builtin_tickets");
        long messages = Tickets.count(e, "helpdesk_builtin_messages");
        long objects = storedObjects(e);

        byte[] big = new byte[4096];
        Arrays.fill(big, (byte) 'a');
        Response tooBig = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form", OK, new Tickets.File("big.txt", "text/plain", big));
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.html().select("#ticket-form .field-error, .notice.error").text()).contains("larger than 2 KiB");
        assertThat(tooBig.html().select("#ticket-subject").attr("value")).as("what was typed stays").isEqualTo("Broken");

        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        Response wrongType = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form", OK,
                new Tickets.File("invoice.pdf", "application/pdf", exe));
        assertThat(wrongType.status()).as("the claimed type and name do not count, the content does").isEqualTo(422);
        assertThat(wrongType.html().select(".notice.error").text()).contains("only these files can be attached");

        Response empty = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form",
                Map.of("subject", "  ", "body", "", "step", "send"), null);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.html().select(".notice.error").text()).contains("Subject: is required").contains("Your message: is required");

        Response hugeBody = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form",
                Map.of("subject", "x", "body", "y".repeat(10_001), "step", "send"), null);
        assertThat(hugeBody.status()).isEqualTo(422);

        assertThat(Tickets.count(e, "helpdesk_builtin_tickets")).isEqualTo(tickets);
        assertThat(Tickets.count(e, "helpdesk_builtin_messages")).isEqualTo(messages);
        assertThat(storedObjects(e)).isEqualTo(objects);

        // a reply with a bad file writes nothing either
        String id = Tickets.ticketId(Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form", OK, null));
        long before = Tickets.count(e, "helpdesk_builtin_messages");
        Response badReply = Tickets.submit(customer.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "see file"),
                new Tickets.File("x.bin", "image/png", new byte[] {0, 1, 2, 3}));
        assertThat(badReply.status()).isEqualTo(422);
        assertThat(badReply.html().select("#reply-body").text()).isEqualTo("see file");
        assertThat(Tickets.count(e, "helpdesk_builtin_messages")).isEqualTo(before);
        assertThat(storedObjects(e)).isEqualTo(objects);

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};
        Response goodReply = Tickets.submit(customer.client(), "/account/tickets/" + id, "form#reply-form", Map.of("body", "see file"),
                new Tickets.File("shot.png", "application/octet-stream", png));
        assertThat(goodReply.status()).isEqualTo(303);
        assertThat(storedObjects(e)).as("the check above counts real objects").isGreaterThan(objects);
    }

    @EngineTest
    void someoneElsesOrderOrLicenseOrAnUnknownProductIsNotFound(TestEngine e) {
        User seller = TestUsers.signIn(e, "seller");
        User admin = TestUsers.signIn(e, "admin");
        User owner = TestUsers.signIn(e, "customer");
        User other = TestUsers.signIn(e, "customer");
        Item pack = Purchases.publish(seller.client(), seller.id(), admin.client(), "download", "Abuse Pack", Map.of(), "a.zip", new byte[] {1});
        String orderId = Purchases.paidOrder(e, owner.id(), pack);
        long tickets = Tickets.count(e, "helpdesk_builtin_tickets");

        for (String link : new String[] {"order=" + orderId, "license=lic_01nothere", "product=prd_01nothere"}) {
            Response r = Tickets.submit(other.client(), "/account/tickets/new?" + link, "form#ticket-form", OK, null);
            assertThat(r.status()).as(link).isEqualTo(404);
        }
        assertThat(Tickets.count(e, "helpdesk_builtin_tickets")).isEqualTo(tickets);
        assertThat(other.client().get("/account/tickets/tkt_01nothere").status()).isEqualTo(404);
        assertThat(other.client().get("/account/tickets/not-an-id").status()).isEqualTo(404);
        assertThat(e.client().get("/account/tickets").status()).as("signed out").isEqualTo(303);
    }

    @EngineTest
    void aFloodOfTicketsIsCutOffAndTheKillSwitchStopsWritesButNotReading(TestEngine e) {
        User spammer = TestUsers.signIn(e, "customer");
        User admin = TestUsers.signIn(e, "admin");
        String first = null;
        for (int i = 0; i < 3; i++) {
            String id = Tickets.ticketId(Tickets.submit(spammer.client(), "/account/tickets/new", "form#ticket-form", OK, null));
            first = first == null ? id : first;
        }
        long tickets = Tickets.count(e, "helpdesk_builtin_tickets");
        Response limited = Tickets.submit(spammer.client(), "/account/tickets/new", "form#ticket-form", OK, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.html().select(".notice.error").text()).contains("wait a little");
        assertThat(Tickets.count(e, "helpdesk_builtin_tickets")).isEqualTo(tickets);
        e.clock().advance(Duration.ofMinutes(25)); // 3 an hour refill one every 20 minutes

        try {
            assertThat(admin.client().putJson("/api/v1/admin/switches/support", Map.of("engaged", true, "reason", "test")).status()).isEqualTo(200);
            Response paused = Tickets.submit(spammer.client(), "/account/tickets/new", "form#ticket-form", OK, null);
            assertThat(paused.status()).isEqualTo(503);
            assertThat(paused.html().select(".notice.error").text()).contains("Support is paused");
            Response reply = Tickets.submit(spammer.client(), "/account/tickets/" + first, "form#reply-form", Map.of("body", "hello?"), null);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.html().select(".notice.error").text()).contains("Support is paused");
            assertThat(spammer.client().get("/account/tickets/" + first).status()).as("reading stays").isEqualTo(200);
            assertThat(spammer.client().get("/account/tickets").html().select("#tickets a")).hasSize(3);
            assertThat(admin.client().get("/admin/support").status()).isEqualTo(200);
            assertThat(Tickets.count(e, "helpdesk_builtin_tickets")).isEqualTo(tickets);
        } finally {
            admin.client().putJson("/api/v1/admin/switches/support", Map.of("engaged", false));
        }
        assertThat(Tickets.submit(spammer.client(), "/account/tickets/new", "form#ticket-form", OK, null).status()).isEqualTo(303);
    }

    /** Objects stored for ticket attachments (storage-local keeps them under the engine's data dir). */
    static long storedObjects(TestEngine e) {
        try (Stream<Path> files = Files.walk(e.dir())) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().contains("attachments")).count();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
