package com.mintreu.engine.message;

import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/** Messages as JSON: the caller's conversations (either side), one with its messages, asking, replying, reporting. */
final class MessageRoutes implements Routes {

    /** A question: the subject starts the conversation, the body is its first message. */
    record Question(String subject, String body) {}

    /** A reply in a conversation. */
    record Reply(String body) {}

    /** A report of one message of the other side. */
    record ReportBody(String messageId, String reason) {}

    private final MessageService messages;

    @Inject
    MessageRoutes(MessageService messages) {
        this.messages = messages;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/messages", x -> {
            Principal caller = x.requireUser();
            PageRequest req = PageRequest.of(x);
            x.json(200, Page.of(messages.mine(caller, req), req, c -> Cursor.of(c.lastMessageAt(), c.id())).map(c -> summary(c, caller)));
        });
        router.get("/api/v1/messages/{conversationId}", x -> {
            Principal caller = x.requireUser();
            x.json(200, view(messages.open(caller, x.pathParam("conversationId"))));
        });
        router.post("/api/v1/products/{id}/questions", x -> {
            Principal caller = x.requireUser();
            Question q = x.bodyJson(Question.class);
            Conversation c = messages.ask(caller, x.pathParam("id"), q == null ? null : q.subject(), q == null ? null : q.body());
            x.json(201, view(messages.open(caller, c.id())));
        });
        router.post("/api/v1/messages/{conversationId}/replies", x -> {
            Principal caller = x.requireUser();
            Reply r = x.bodyJson(Reply.class);
            x.json(201, message(messages.reply(caller, x.pathParam("conversationId"), r == null ? null : r.body())));
        });
        router.post("/api/v1/messages/{conversationId}/reports", x -> {
            Principal caller = x.requireUser();
            ReportBody r = x.bodyJson(ReportBody.class);
            Report report = messages.report(caller, x.pathParam("conversationId"), r == null ? null : r.messageId(), r == null ? null : r.reason());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", report.id());
            m.put("messageId", report.messageId());
            m.put("reason", report.reason());
            m.put("status", report.status());
            m.put("createdAt", Timestamps.iso(report.createdAt()));
            x.json(201, m);
        });
    }

    static Map<String, Object> summary(Conversation c, Principal caller) {
        Side side = c.sideOf(caller.userId()).orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("productId", c.productId());
        m.put("productTitle", c.productTitle());
        m.put("subject", c.subject());
        m.put("role", side.id());
        m.put("customerName", c.customerName());
        m.put("lastFrom", c.lastFrom().id());
        m.put("unread", c.unreadFor(side));
        m.put("createdAt", Timestamps.iso(c.createdAt()));
        m.put("lastMessageAt", Timestamps.iso(c.lastMessageAt()));
        return m;
    }

    static Map<String, Object> view(MessageService.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        Conversation c = v.conversation();
        m.put("id", c.id());
        m.put("productId", c.productId());
        m.put("productTitle", c.productTitle());
        m.put("subject", c.subject());
        m.put("role", v.side().id());
        m.put("customerName", c.customerName());
        m.put("lastFrom", c.lastFrom().id());
        m.put("createdAt", Timestamps.iso(c.createdAt()));
        m.put("lastMessageAt", Timestamps.iso(c.lastMessageAt()));
        m.put("messages", v.messages().stream().map(MessageRoutes::message).toList());
        return m;
    }

    static Map<String, Object> message(Message msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.id());
        m.put("from", msg.side().id());
        m.put("body", msg.shownBody());
        m.put("hidden", msg.hidden());
        m.put("createdAt", Timestamps.iso(msg.createdAt()));
        return m;
    }
}
