package com.mintreu.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mails a customer gets on the way (verification, password reset, receipt) arrive over real SMTP. */
class AccountAndReceiptMailTest {

    @Test
    void verificationResetAndReceiptReachTheSmtpServer() throws Exception {
        Path plugins = BundledTestPlugins.writeTo(Files.createTempDirectory("mail-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try (TestEngine e = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\n"
                    + "mail: {from: 'Shop <shop@example.test>', smtpHost: 127.0.0.1, smtpPort: " + port + "}\n"
                    + "outbox: {pollInterval: 1h}\n")) {
                e.engine().component().demoShop().seed();
                OutboxDispatcher dispatcher = e.engine().component().outboxDispatcher();
                dispatcher.deliverDue(); // the demo users' own mails, if any
                smtp.purgeEmailFromAllMailboxes();

                String email = "ada." + kind + "@example.test";
                TestClient ada = e.client();
                assertThat(ada.postJson("/api/v1/auth/register", Map.of("email", email, "password", "analytical engine notes",
                        "displayName", "Ada")).status()).isEqualTo(201);
                assertThat(ada.postJson("/api/v1/auth/login", Map.of("email", email, "password", "analytical engine notes")).status()).isEqualTo(200);
                assertThat(e.client().postJson("/api/v1/auth/forgot-password", Map.of("email", email)).status()).isEqualTo(202);
                String plan = ada.get("/api/v1/products/starter-wallpapers").json().findValue("plans").get(0).get("id").asText();
                assertThat(ada.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
                String order = ada.postJson("/api/v1/checkout", Map.of()).json().get("orderId").asText();

                for (int pass = 0; pass < 3; pass++) {
                    dispatcher.deliverDue(); // fulfilment writes the receipt, the next pass mails it
                }
                List<MimeMessage> mails = Arrays.asList(smtp.getReceivedMessages());
                assertThat(mails).extracting(m -> m.getAllRecipients()[0].toString()).containsOnly(email);
                assertThat(mails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                        "Confirm your email address", "Reset your password", "Your receipt for order " + order);
                String verification = mails.stream().filter(m -> subject(m).startsWith("Confirm")).findFirst().map(AccountAndReceiptMailTest::body).orElseThrow();
                String link = verification.lines().filter(l -> l.contains("/verify-email?token=")).findFirst().orElseThrow().strip();
                assertThat(ada.get(link.substring(link.indexOf("/verify-email"))).status()).isEqualTo(200);
                assertThat(ada.get("/api/v1/auth/me").json().toString()).contains("\"emailVerified\":true");
            } finally {
                smtp.stop();
            }
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
