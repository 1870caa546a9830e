package com.mintreu.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mintreu.engine.testing.TestEngine;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mails written to the outbox reach a real SMTP server, and a mail that fails is retried, not lost. */
class OutboxMailTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String config(int smtpPort) {
        // a long poll interval: the test drives delivery passes itself
        return "mail: {from: 'Shop <shop@example.test>', smtpHost: 127.0.0.1, smtpPort: " + smtpPort + ", timeout: 3s}\n"
                + "outbox: {pollInterval: 1h, retryBase: 30s}\n";
    }

    private static int attempts(TestEngine engine) {
        Integer n = engine.jdbi().withHandle(h -> h.createQuery("SELECT attempts FROM outbox_deliveries").mapTo(Integer.class).one());
        return n;
    }

    @Test
    void outboxMailIsDeliveredOverSmtpOnBothDatabases() throws Exception {
        for (String kind : com.mintreu.engine.testing.TestDatabase.kinds()) {
            int port = freePort();
            GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try (TestEngine engine = TestEngine.boot(kind, config(port))) {
                Outbox outbox = engine.engine().component().outbox();
                engine.jdbi().useTransaction(h -> outbox.mail(h, "ada@example.test", "Your receipt", "Thanks for buying. Total: 19.99 EUR"));

                assertThat(engine.engine().component().outboxDispatcher().deliverDue()).as(kind).isEqualTo(1);
                MimeMessage[] received = smtp.getReceivedMessages();
                assertThat(received).hasSize(1);
                assertThat(received[0].getSubject()).isEqualTo("Your receipt");
                assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@example.test");
                assertThat(((String) received[0].getContent()).trim()).isEqualTo("Thanks for buying. Total: 19.99 EUR");
                assertThat(received[0].getMessageID()).startsWith("<evt_");

                assertThat(engine.engine().component().outboxDispatcher().deliverDue()).as("delivered once").isZero();
                assertThat(smtp.getReceivedMessages()).hasSize(1);
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void aMailThatFailsIsRetriedWithBackoffAndNeverLost() throws Exception {
        for (String kind : com.mintreu.engine.testing.TestDatabase.kinds()) {
            int port = freePort(); // nothing listens here yet
            try (TestEngine engine = TestEngine.boot(kind, config(port))) {
                OutboxDispatcher dispatcher = engine.engine().component().outboxDispatcher();
                engine.jdbi().useTransaction(h -> engine.engine().component().outbox().mail(h, "bob@example.test", "Reset", "link"));

                assertThat(dispatcher.deliverDue()).as(kind).isZero();
                var row = engine.jdbi().withHandle(h -> h.createQuery("SELECT attempts, delivered_at, last_error FROM outbox_deliveries")
                        .mapToMap().one());
                assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
                assertThat(row.get("delivered_at")).isNull();
                assertThat((String) row.get("last_error")).isNotBlank();

                assertThat(dispatcher.deliverDue()).as("not due again before the backoff").isZero();
                assertThat(attempts(engine)).isEqualTo(1);

                GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                smtp.start();
                try {
                    engine.clock().advance(Duration.ofSeconds(31));
                    assertThat(dispatcher.deliverDue()).isEqualTo(1);
                    assertThat(smtp.getReceivedMessages()).hasSize(1);
                    assertThat(attempts(engine)).isEqualTo(2);
                } finally {
                    smtp.stop();
                }
            }
        }
    }

    @Test
    void withoutSmtpMailsAreLoggedAndMarkedDelivered() {
        try (TestEngine engine = TestEngine.boot("sqlite", "outbox: {pollInterval: 1h}")) {
            engine.jdbi().useTransaction(h -> engine.engine().component().outbox().mail(h, "c@example.test", "Hi", "body"));
            assertThat(engine.engine().component().outboxDispatcher().deliverDue()).isEqualTo(1);
        }
    }
}
