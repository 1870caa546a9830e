package com.mintreu.engine.message;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The pages: the question form's target on the product page, {@code /account/messages} (the
 * customer's conversations), {@code /seller/messages} (the seller's inbox, unanswered first) and
 * one conversation under either, with its reply and report forms. Every refused input is shown on
 * its form (422, 409, 429) with nothing written.
 */
final class MessagePages implements Routes {

    static final int SHOWN = 100;
    private static final Map<String, String> ASK_LABELS = Map.of("subject", "Subject", "body", "Your question", "product", "Product");
    private static final Map<String, String> REPLY_LABELS = Map.of("body", "Your message");
    private static final Map<String, String> REPORT_LABELS = Map.of("reason", "Why you report it", "messageId", "Message");
    private static final Map<String, String> NOTICES = Map.of("sent", "Your message was sent; you will get a mail when the other side answers.",
            "reported", "Thank you: the message was reported to the marketplace's staff.");

    private final MessageService messages;
    private final CatalogService catalog;

    @Inject
    MessagePages(MessageService messages, CatalogService catalog) {
        this.messages = messages;
        this.catalog = catalog;
    }

    @Override
    public void register(Router router) {
        router.post("/products/{slug}/questions", x -> {
            Form f = x.form();
            Principal customer = x.requireUser();
            var details = catalog.published(x.pathParam("slug")).orElseThrow(() -> ApiException.notFound("product"));
            try {
                Conversation c = messages.ask(customer, details.product().id(), f.text("subject"), f.text("body"));
                x.redirect("/account/messages/" + c.id() + "?notice=sent#latest");
            } catch (ApiException e) {
                FormErrors failed = failed(x, e, "ask", f, ASK_LABELS).orElseThrow(() -> e);
                Map<String, Object> model = new HashMap<>(failed.model());
                model.put("d", details);
                model.put("p", details.product());
                x.render(e.error().status(), "product", model);
            }
        });
        router.get("/account/messages", x -> {
            Principal customer = x.requireUser();
            x.render("account/messages", Map.of("conversations", messages.asCustomer(customer, SHOWN)));
        });
        router.get("/seller/messages", x -> {
            Principal seller = x.requireRole("seller");
            String product = x.query("product").filter(p -> !p.isBlank()).orElse(null);
            Map<String, Object> model = new HashMap<>();
            model.put("conversations", messages.inbox(seller, product, SHOWN));
            model.put("products", messages.inboxProducts(seller));
            model.put("product", product == null ? "" : product);
            x.render("seller/messages", model);
        });
        for (Side side : Side.values()) {
            String base = base(side);
            router.get(base + "/{id}", x -> conversation(x, side, 200, Map.of()));
            router.post(base + "/{id}/replies", x -> {
                Form f = x.form();
                Principal caller = caller(x, side);
                messages.visibleAs(caller, x.pathParam("id"), side);
                try {
                    messages.reply(caller, x.pathParam("id"), f.text("body"));
                    x.redirect(base + "/" + x.pathParam("id") + "?notice=sent#latest");
                } catch (ApiException e) {
                    FormErrors failed = failed(x, e, "reply", f, REPLY_LABELS).orElseThrow(() -> e);
                    conversation(x, side, e.error().status(), failed.model());
                }
            });
            router.post(base + "/{id}/reports", x -> {
                Form f = x.form();
                Principal caller = caller(x, side);
                messages.visibleAs(caller, x.pathParam("id"), side);
                try {
                    messages.report(caller, x.pathParam("id"), f.text("messageId"), f.text("reason"));
                    x.redirect(base + "/" + x.pathParam("id") + "?notice=reported");
                } catch (ApiException e) {
                    FormErrors failed = failed(x, e, "report-" + f.text("messageId"), f, REPORT_LABELS).orElseThrow(() -> e);
                    conversation(x, side, e.error().status(), failed.model());
                }
            });
        }
    }

    private void conversation(Exchange x, Side side, int status, Map<String, Object> forms) {
        Principal caller = caller(x, side);
        messages.visibleAs(caller, x.pathParam("id"), side);
        Map<String, Object> model = new HashMap<>();
        model.put("forms", Map.of());
        model.putAll(forms);
        model.put("view", messages.open(caller, x.pathParam("id")));
        model.put("base", base(side));
        model.put("notice", forms.isEmpty() ? NOTICES.getOrDefault(x.query("notice").orElse(""), "") : "");
        x.render(status, "messages/conversation", model);
    }

    private static Principal caller(Exchange x, Side side) {
        return side == Side.SELLER ? x.requireRole("seller") : x.requireUser();
    }

    static String base(Side side) {
        return side == Side.CUSTOMER ? "/account/messages" : "/seller/messages";
    }

    /**
     * The form's errors: what {@link FormErrors#from} takes (wrong input, 409), plus the hourly limit
     * (429, with Retry-After) said in words on the form; anything else is not about the form.
     */
    static Optional<FormErrors> failed(Exchange x, ApiException e, String form, Form f, Map<String, String> labels) {
        if (e.error().status() == 429) {
            long wait = e.retryAfterSeconds() == null ? 60 : e.retryAfterSeconds();
            x.header("Retry-After", Long.toString(wait));
            return Optional.of(FormErrors.of(form, f.values(), List.of(new FieldError("",
                    "you have sent as many messages as allowed for now; please try again in " + minutes(wait))), labels));
        }
        return FormErrors.from(e, form, f.values(), labels, Map.of());
    }

    private static String minutes(long seconds) {
        long m = (seconds + 59) / 60;
        return m <= 1 ? "a minute" : m + " minutes";
    }
}
