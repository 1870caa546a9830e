package com.mintreu.engine.notify;

import com.mintreu.engine.config.MailConfig;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /admin/mails}: the mails the shop would have sent, for the demo (no SMTP server, so nobody
 * would ever see a verification link or a receipt). Admins only: the mails hold sign-in and reset links.
 */
final class CapturedMailPages implements Routes {

    private final CapturedMails mails;
    private final MailConfig config;

    @Inject
    CapturedMailPages(CapturedMails mails, MailConfig config) {
        this.mails = mails;
        this.config = config;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/mails", x -> {
            x.requireRole("admin");
            x.render("admin/mails", Map.of("keeping", config.keepsUnsent(), "smtp", config.enabled(),
                    "mails", config.keepsUnsent() ? mails.latest(100) : List.of()));
        });
    }
}
