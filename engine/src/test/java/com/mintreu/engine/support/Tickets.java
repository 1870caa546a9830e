package com.mintreu.engine.support;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;

/** Test helpers: multipart form posts as a browser sends them, and counts of what the helpdesk stored. */
final class Tickets {

    private Tickets() {}

    /** A file to attach. */
    record File(String name, String type, byte[] bytes) {}

    /**
     * Loads {@code pagePath}, fills the multipart form {@code formSelector} (its hidden fields plus
     * {@code values}, and {@code file} as {@code attachment} when not null) and posts it.
     */
    static TestClient.Response submit(TestClient client, String pagePath, String formSelector, Map<String, String> values, File file) {
        TestClient.Response page = client.get(pagePath);
        Element form = page.html().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on " + pagePath + " (" + page.status() + "):\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.putAll(values);
        return post(client, form.attr("action"), fields, file);
    }

    static TestClient.Response post(TestClient client, String path, Map<String, String> fields, File file) {
        String boundary = "----mintreu" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"));
        if (file != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"" + file.name() + "\"\r\nContent-Type: "
                    + file.type() + "\r\n\r\n");
            body.writeBytes(file.bytes());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return client.postBytes(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** The caller's CSRF token, as any of their pages carries it. */
    static String csrf(TestClient client) {
        return client.get("/account/tickets").html().select("input[name=_csrf]").first().attr("value");
    }

    static long count(TestEngine e, String table) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    static long mails(TestEngine e, String to, String text) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE :to AND payload LIKE :text")
                .bind("to", "%" + to + "%").bind("text", "%" + text + "%").mapTo(Long.class).one());
    }

    /** The id of the ticket a "sent" redirect points at. */
    static String ticketId(TestClient.Response redirect) {
        String location = redirect.header("Location");
        if (redirect.status() != 303 || location == null || !location.startsWith("/account/tickets/tkt_")) {
            throw new AssertionError("expected a redirect to a ticket, got " + redirect.status() + " " + location + "\n" + redirect.body());
        }
        return location.substring("/account/tickets/".length(), location.indexOf('?') < 0 ? location.length() : location.indexOf('?'));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
