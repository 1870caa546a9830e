package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import java.time.Duration;

/** Outgoing mail. With no SMTP host the engine writes mails to its log instead (development). */
public record MailConfig(
        @Setting(help = "sender address, e.g. 'Mintreu Shop <shop@example.com>'") String from,
        @Setting(help = "SMTP server host; empty logs mails instead of sending them") String smtpHost,
        @Setting(help = "SMTP port (587 with STARTTLS, 465 with TLS, 25 plain)") int smtpPort,
        @Setting(help = "SMTP user name") String username,
        @Setting(help = "SMTP password", secret = true) String password,
        @Setting(help = "smtp (plain, or STARTTLS when offered), starttls (required) or smtps (TLS from the start)") MailSecurity security,
        @Setting(help = "connect and read timeout for the SMTP server") Duration timeout) {

    public enum MailSecurity { SMTP, STARTTLS, SMTPS }

    static MailConfig defaults() {
        return new MailConfig("Mintreu <no-reply@localhost>", "", 587, "", "", MailSecurity.SMTP, Duration.ofSeconds(20));
    }

    public boolean enabled() {
        return smtpHost != null && !smtpHost.isBlank();
    }
}
