package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who walks the API in {@link ApiWalkTest}, on one engine: an anonymous visitor, a seller, an admin and
 * a customer (signed in by session rows), and the {@link ApiWalk} every call goes through.
 */
record Walkers(TestEngine e, ApiWalk w, TestClient anon, TestUsers.User seller, TestClient admin, TestUsers.User customer) {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    static Walkers of(TestEngine e, ApiWalk w) {
        return new Walkers(e, w, e.client(), TestUsers.signIn(e, "seller"), TestUsers.signIn(e, "admin").client(), TestUsers.signIn(e, "customer"));
    }

    /** The e-mail address of a user made by {@link TestUsers#signIn}. */
    static String email(TestUsers.User u) {
        return u.id() + "@example.test";
    }

    /** Runs the outbox as its background pass would: what a delivery writes is delivered on the next pass. */
    void deliver() {
        for (int i = 0; i < 3; i++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
    }

    /** The {@code token} query parameter of the link in the last mail queued for {@code to}. */
    String tokenInLastMail(String to) {
        List<String> texts = e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail' ORDER BY id")
                .mapTo(String.class).list());
        String text = null;
        for (String payload : texts) {
            JsonNode mail = parse(payload);
            if (mail.path("to").asText().equals(to)) {
                text = mail.path("text").asText();
            }
        }
        if (text == null) {
            throw new AssertionError("no mail to " + to);
        }
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no link in the mail to " + to + ": " + text);
        }
        for (String pair : URI.create(m.group()).getRawQuery().split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no token in " + m.group());
    }

    /** The rows of a {@code {data, nextCursor}} answer. */
    static List<JsonNode> rows(Response r) {
        List<JsonNode> out = new ArrayList<>();
        r.json().get("data").forEach(out::add);
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
