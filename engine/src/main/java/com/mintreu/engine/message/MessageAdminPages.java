package com.mintreu.engine.message;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /admin/messages}: the open reports with the reported message (its body even when it is
 * hidden, for the decision), and per report "hide the message" or "dismiss the report"; audited.
 */
final class MessageAdminPages implements Routes {

    private static final Map<String, String> NOTICES = Map.of("hidden", "The message is hidden for both sides; its other reports are closed.",
            "dismissed", "The report is dismissed; the message stays.");

    private final MessageService messages;

    @Inject
    MessageAdminPages(MessageService messages) {
        this.messages = messages;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/messages", x -> {
            x.requireRole("admin");
            page(x, 200, NOTICES.getOrDefault(x.query("notice").orElse(""), ""), "");
        });
        router.post("/admin/messages/reports/{id}/hide", x -> {
            x.form();
            Principal admin = x.requireRole("admin");
            decide(x, () -> messages.hide(admin, x.pathParam("id")), "hidden");
        });
        router.post("/admin/messages/reports/{id}/dismiss", x -> {
            x.form();
            Principal admin = x.requireRole("admin");
            decide(x, () -> messages.dismiss(admin, x.pathParam("id")), "dismissed");
        });
    }

    /** A report another admin decided first is a 409 said on the page, not an error page. */
    private void decide(Exchange x, Runnable decision, String notice) {
        try {
            decision.run();
            x.redirect("/admin/messages?notice=" + notice);
        } catch (ApiException e) {
            if (e.error() != MessageError.REPORT_DECIDED) {
                throw e;
            }
            page(x, 409, "", "Another admin decided this report already; the list below is current.");
        }
    }

    private void page(Exchange x, int status, String notice, String problem) {
        x.render(status, "admin/messages", Map.of("reports", messages.openReports(MessagePages.SHOWN), "notice", notice, "problem", problem));
    }
}
