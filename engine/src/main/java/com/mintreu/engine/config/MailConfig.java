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
        @Setting(help = "connect and read timeout for the SMTP server") Duration timeout,
        @Setting(help = "with no smtpHost: also keep the mails in the database, for admins to read at /admin/mails "
                + "(on by itself in `mintreu demo`; mails hold sign-in links, so not for a real shop)") boolean keepUnsent) {

    public enum MailSecurity { SMTP, STARTTLS, SMTPS }

    static MailConfig defaults() {
        return new MailConfig("Mintreu <no-reply@localhost>", "", 587, "", "", MailSecurity.SMTP, Duration.ofSeconds(20), false);
    }

    public boolean enabled() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    /** Unsent mails are kept for admins: no SMTP server and {@code keepUnsent}. */
    public boolean keepsUnsent() {
        return !enabled() && keepUnsent;
    }

    /** This config with unsent mails kept (the demo shop: its visitors have no mailbox to read). */
    public MailConfig keepingUnsent() {
        return new MailConfig(from, smtpHost, smtpPort, username, password, security, timeout, true);
    }
}
