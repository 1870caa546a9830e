package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Attachment;
import com.mintreu.api.helpdesk.TicketPage;
import com.mintreu.api.helpdesk.TicketPriority;
import com.mintreu.api.storage.ObjectContent;
import com.mintreu.engine.help.HelpSearch;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Multipart;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import io.undertow.util.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;

/**
 * {@code /account/tickets}: a customer's tickets, the two-step new-ticket form ("Find answers" shows
 * help articles before "Send"), and one ticket's page, which every participant (customer, seller,
 * admin) uses to read, reply, mark solved and (staff) write notes, set the priority, close or take over.
 */
final class TicketPages implements Routes {

    private static final Map<String, String> NEW_LABELS = Map.of("subject", "Subject", "body", "Your message", "attachment", "Attachment");
    private static final Map<String, String> REPLY_LABELS = Map.of("body", "Your reply", "attachment", "Attachment");
    private static final Map<String, String> NOTICES = Map.of(
            "opened", "Your ticket was sent. You will get an email when it is answered.",
            "replied", "Your reply was sent.",
            "noted", "The internal note was saved.",
            "solved", "The ticket is marked as solved.",
            "closed", "The ticket is closed.",
            "priority", "The priority was changed.",
            "taken", "You took the ticket over.");

    private final SupportService support;
    private final PrincipalResolver users;
    private final Attachments attachments;
    private final Optional<HelpSearch> help;

    @Inject
    TicketPages(SupportService support, Attachments attachments, Optional<HelpSearch> help, PrincipalResolver users) {
        this.support = support;
        this.users = users;
        this.attachments = attachments;
        this.help = help;
    }

    @Override
    public void register(Router router) {
        router.get("/account/tickets", x -> {
            Principal me = x.requireUser();
            TicketPage page = support.mine(me, x.query("after").orElse(null), 50);
            x.render("account/tickets", Map.of("tickets", page.data(), "nextCursor", page.nextCursor() == null ? "" : page.nextCursor(),
                    "notice", NOTICES.getOrDefault(x.query("notice").orElse(""), "")));
        });
        router.get("/account/tickets/new", x -> {
            x.requireUser();
            Map<String, String> values = new HashMap<>();
            for (String name : List.of("order", "license", "product")) {
                x.query(name).filter(v -> v.matches("[a-z]{3}_[0-9A-Za-z]{1,40}")).ifPresent(v -> values.put(name, v));
            }
            newForm(x, 200, values, null, List.of());
        });
        router.post("/account/tickets", this::open);
        router.get("/account/tickets/{id}", x -> ticketPage(x, x.requireUser(), 200, Map.of()));
        router.post("/account/tickets/{id}/reply", this::reply);
        router.post("/account/tickets/{id}/solve", x -> act(x, "solve", (me, id, f) -> support.solve(me, id), "solved"));
        router.post("/account/tickets/{id}/close", x -> act(x, "close", (me, id, f) -> support.close(me, id), "closed"));
        router.post("/account/tickets/{id}/take-over", x -> act(x, "take-over", (me, id, f) -> support.takeOver(me, id), "taken"));
        router.post("/account/tickets/{id}/priority", x -> act(x, "priority", (me, id, f) -> support.prioritise(me, id, priority(f)), "priority"));
        router.get("/account/tickets/{id}/attachments/{att}", this::download);
    }

    private void open(Exchange x) throws Exception {
        Principal me = x.requireUser();
        Map<String, String> typed = Map.of();
        try {
            Multipart form = x.multipart(parseLimit());
            typed = form.fields().values();
            Form f = form.fields();
            OpenRequest req = new OpenRequest(f.get("subject").orElse(null), f.get("body").orElse(null), f.get("order").orElse(null),
                    f.get("license").orElse(null), f.get("product").orElse(null));
            if ("find".equals(f.get("step").orElse("")) && help.isPresent()) {
                String text = (req.subject() == null ? "" : req.subject()) + " " + (req.body() == null ? "" : req.body());
                List<HelpSearch.Hit> hits = text.isBlank() ? List.of() : help.get().search(text, blankToNull(req.productId()), 5);
                newForm(x, 200, typed, null, hits);
                return;
            }
            var ticket = support.open(me, req, uploads(form));
            x.redirect("/account/tickets/" + ticket.id() + "?notice=opened");
        } catch (ApiException e) {
            keepConnectionHonest(x);
            FormErrors failed = PageErrors.of(x, e, "ticket", typed, NEW_LABELS).orElseThrow(() -> e);
            newForm(x, e.error().status(), typed, failed, List.of());
        }
    }

    private void reply(Exchange x) throws Exception {
        Principal me = x.requireUser();
        String id = x.pathParam("id");
        Map<String, String> typed = Map.of();
        try {
            Multipart form = x.multipart(parseLimit());
            typed = form.fields().values();
            boolean internal = form.fields().get("internal").isPresent();
            support.reply(me, id, form.fields().get("body").orElse(null), internal, uploads(form));
            x.redirect("/account/tickets/" + id + "?notice=" + (internal ? "noted" : "replied"));
        } catch (ApiException e) {
            keepConnectionHonest(x);
            FormErrors failed = PageErrors.of(x, e, "reply", typed, REPLY_LABELS).orElseThrow(() -> e);
            ticketPage(x, me, e.error().status(), failed.model());
        }
    }

    private interface Action {
        void run(Principal me, String ticketId, Form form);
    }

    private void act(Exchange x, String formId, Action action, String notice) throws Exception {
        Form f = x.form();
        Principal me = x.requireUser();
        String id = x.pathParam("id");
        try {
            action.run(me, id, f);
            x.redirect("/account/tickets/" + id + "?notice=" + notice);
        } catch (ApiException e) {
            FormErrors failed = PageErrors.of(x, e, formId, f.values(), Map.of("priority", "Priority")).orElseThrow(() -> e);
            ticketPage(x, me, e.error().status(), failed.model());
        }
    }

    private void download(Exchange x) throws Exception {
        Principal me = x.requireUser();
        TicketView v = support.view(me, x.pathParam("id"));
        Attachment a = v.messages().stream().flatMap(m -> m.attachments().stream()).filter(f -> f.id().equals(x.pathParam("att"))).findFirst()
                .orElseThrow(() -> ApiException.notFound("attachment " + x.pathParam("att")));
        try (ObjectContent content = attachments.open(a).orElseThrow(() -> ApiException.notFound("attachment " + a.id()))) {
            byte[] bytes = content.stream().readAllBytes();
            // always a download, never rendered by the browser: a text file with markup stays text
            x.header("Content-Disposition", "attachment; filename=\"" + a.fileName().replaceAll("[^A-Za-z0-9._ -]", "_") + "\"; filename*=UTF-8''"
                    + URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
            x.header("X-Content-Type-Options", "nosniff");
            x.header("Cache-Control", "private, no-store");
            x.send(200, a.contentType().equals("text/plain") ? "text/plain; charset=utf-8" : a.contentType(), bytes);
        }
    }

    private void newForm(Exchange x, int status, Map<String, String> values, FormErrors failed, List<HelpSearch.Hit> hits) {
        Map<String, Object> model = new HashMap<>();
        model.put("forms", failed == null ? Map.of() : Map.of(failed.form(), failed));
        model.put("values", values);
        model.put("hits", hits);
        model.put("searched", values.containsKey("step") && "find".equals(values.get("step")));
        model.put("canSearch", help.isPresent());
        model.put("maxSize", Attachments.sizeText(attachments.maxBytes()));
        model.put("product", support.product(values.get("product")).orElse(null));
        x.render(status, "account/ticket-new", model);
    }

    private void ticketPage(Exchange x, Principal me, int status, Map<String, Object> forms) {
        TicketView v = support.view(me, x.pathParam("id"));
        Map<String, Object> model = new HashMap<>();
        model.put("forms", Map.of());
        model.putAll(forms);
        model.put("view", v);
        model.put("ticket", v.ticket());
        model.put("names", UserNames.of(users, Stream.of(v.ticket().assigneeId())));
        model.put("messages", v.messages());
        model.put("product", v.ticket().link() == null ? null : support.product(v.ticket().link().productId()).orElse(null));
        model.put("priorities", TicketPriority.values());
        model.put("maxSize", Attachments.sizeText(attachments.maxBytes()));
        model.put("notice", forms.isEmpty() ? NOTICES.getOrDefault(x.query("notice").orElse(""), "") : "");
        x.render(status, "account/ticket", model);
    }

    private static List<Upload> uploads(Multipart form) {
        return form.file(Attachments.FIELD).map(f -> List.of(new Upload(f.fileName(), f.path(), f.size()))).orElse(List.of());
    }

    private long parseLimit() {
        // room above the limit so a somewhat larger file is still read and refused on the form (422), not cut off (413)
        return attachments.maxBytes() + Math.max(attachments.maxBytes(), 1024 * 1024);
    }

    private static void keepConnectionHonest(Exchange x) {
        if (!x.raw().isRequestComplete()) {
            // the rest of a too-large body was not read: this connection cannot carry another request
            x.raw().getResponseHeaders().put(Headers.CONNECTION, "close");
            x.raw().setPersistent(false);
        }
    }

    private static TicketPriority priority(Form f) {
        String v = f.get("priority").orElse("");
        for (TicketPriority p : TicketPriority.values()) {
            if (p.id().equals(v)) {
                return p;
            }
        }
        throw ApiException.invalid(List.of(new FieldError("priority", "choose one of low, normal, high, urgent")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

}
