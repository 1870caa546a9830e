package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Attachment;
import com.mintreu.api.helpdesk.Ticket;
import com.mintreu.api.helpdesk.TicketMessage;
import com.mintreu.api.helpdesk.TicketPage;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * Tickets as JSON (documented in {@code openapi/support.yaml}): the caller's list, opening one (no
 * attachments: those go through the page's form), one ticket as the caller may see it, a reply.
 * The same rules as the pages: {@link SupportService}.
 */
final class SupportRoutes implements Routes {

    /** What a customer sends to open a ticket; at most one of the links (productId may pick a product of the order). */
    record Opening(String subject, String body, String orderId, String licenseId, String productId) {}

    /** A reply; {@code internal} (seller and admins only) makes it a note the customer never sees. */
    record Reply(String body, Boolean internal) {}

    private final SupportService support;

    @Inject
    SupportRoutes(SupportService support) {
        this.support = support;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/tickets", x -> {
            Principal me = x.requireUser();
            PageRequest req = PageRequest.of(x);
            TicketPage page = support.mine(me, req.cursor() == null ? null : req.cursor().id(), req.limit());
            x.json(200, new Page<>(page.data().stream().map(SupportRoutes::ticket).toList(),
                    page.nextCursor() == null ? null : new Cursor("t", page.nextCursor()).encode()));
        });
        router.post("/api/v1/tickets", x -> {
            Principal me = x.requireUser();
            Opening o = x.bodyJson(Opening.class);
            Opening body = o == null ? new Opening(null, null, null, null, null) : o;
            Ticket t = support.open(me, new OpenRequest(body.subject(), body.body(), body.orderId(), body.licenseId(), body.productId()), List.of());
            x.json(201, view(support.view(me, t.id())));
        });
        router.get("/api/v1/tickets/{id}", x -> {
            Principal me = x.requireUser();
            x.json(200, view(support.view(me, x.pathParam("id"))));
        });
        router.post("/api/v1/tickets/{id}/messages", x -> {
            Principal me = x.requireUser();
            Reply r = x.bodyJson(Reply.class);
            TicketMessage m = support.reply(me, x.pathParam("id"), r == null ? null : r.body(), r != null && Boolean.TRUE.equals(r.internal()), List.of());
            x.json(201, message(m));
        });
    }

    static Map<String, Object> view(TicketView v) {
        Map<String, Object> m = ticket(v.ticket());
        m.put("viewer", v.viewer().id());
        m.put("messages", v.messages().stream().map(SupportRoutes::message).toList());
        return m;
    }

    static Map<String, Object> ticket(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("subject", t.subject());
        m.put("status", t.status().id());
        m.put("priority", t.priority().id());
        m.put("link", t.link() == null ? null : Map.of("kind", t.link().kind().id(), "id", t.link().id(),
                "productId", t.link().productId() == null ? "" : t.link().productId()));
        m.put("sellerId", t.sellerId());
        m.put("assigneeId", t.assigneeId());
        m.put("createdAt", Timestamps.iso(t.createdAt()));
        m.put("updatedAt", Timestamps.iso(t.updatedAt()));
        m.put("firstResponseAt", t.firstResponseAt() == null ? null : Timestamps.iso(t.firstResponseAt()));
        m.put("solvedAt", t.solvedAt() == null ? null : Timestamps.iso(t.solvedAt()));
        m.put("closedAt", t.closedAt() == null ? null : Timestamps.iso(t.closedAt()));
        return m;
    }

    static Map<String, Object> message(TicketMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.id());
        m.put("side", msg.side().id());
        m.put("internal", msg.internal());
        m.put("body", msg.body());
        m.put("attachments", msg.attachments().stream().map(a -> attachment(msg.ticketId(), a)).toList());
        m.put("createdAt", Timestamps.iso(msg.createdAt()));
        return m;
    }

    private static Map<String, Object> attachment(String ticketId, Attachment a) {
        return Map.of("id", a.id(), "fileName", a.fileName(), "contentType", a.contentType(), "size", a.size(),
                "path", "/account/tickets/" + ticketId + "/attachments/" + a.id());
    }
}
