package com.mintreu.engine.notify;

import com.mintreu.engine.config.MailConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Outbox#MAIL} messages over SMTP (Angus Mail), or logs them when no SMTP host is
 * configured (and keeps them for {@code /admin/mails} when {@code mail.keepUnsent} is on, as in the
 * demo). The outbox id becomes the Message-ID, so a receiving server can drop a resend.
 */
final class MailConsumer implements OutboxConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MailConsumer.class);

    private final MailConfig config;
    private final CapturedMails captured;

    @Inject
    MailConsumer(MailConfig config, CapturedMails captured) {
        this.config = config;
        this.captured = captured;
    }

    @Override
    public String topic() {
        return Outbox.MAIL;
    }

    @Override
    public void deliver(OutboxMessage message) throws MessagingException {
        String to = message.payload().path("to").asText();
        String subject = message.payload().path("subject").asText();
        String text = message.payload().path("text").asText();
        if (!config.enabled()) {
            LOG.info("mail (no SMTP configured) to {}: {}\n{}", to, subject, text);
            if (config.keepsUnsent()) {
                captured.keep(message.id(), to, subject, text);
            }
            return;
        }
        Session session = Session.getInstance(properties());
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + message.id() + "@mintreu>");
            }
        };
        mime.setFrom(new InternetAddress(config.from()));
        mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        mime.setSubject(subject, StandardCharsets.UTF_8.name());
        mime.setText(text, StandardCharsets.UTF_8.name());
        String protocol = config.security() == MailConfig.MailSecurity.SMTPS ? "smtps" : "smtp";
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(config.smtpHost(), config.smtpPort(), blankToNull(config.username()), blankToNull(config.password()));
            transport.sendMessage(mime, mime.getAllRecipients());
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        String timeout = Long.toString(config.timeout().toMillis());
        for (String protocol : new String[] {"smtp", "smtps"}) {
            p.put("mail." + protocol + ".connectiontimeout", timeout);
            p.put("mail." + protocol + ".timeout", timeout);
            p.put("mail." + protocol + ".writetimeout", timeout);
            p.put("mail." + protocol + ".auth", Boolean.toString(!config.username().isBlank()));
        }
        if (config.security() == MailConfig.MailSecurity.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
