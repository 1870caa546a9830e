package com.mintreu.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shortcuts for account tests: unique emails, registered and signed-in clients, mails from the outbox. */
final class AccountFixtures {

    static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private AccountFixtures() {}

    static String email(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static JsonNode register(TestEngine engine, String email) {
        Response r = engine.client().postJson("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Test User"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("user");
    }

    /** A new client ("browser") signed in as {@code email} by the JSON login. */
    static TestClient signedIn(TestEngine engine, String email, String password) {
        TestClient client = engine.client();
        Response r = client.postJson("/api/v1/auth/login", Map.of("email", email, "password", password));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        // like the shop's own scripts: the session's CSRF token goes with every non-JSON state change
        return client.csrfHeader(client.get("/api/v1/auth/me").json().get("csrfToken").asText());
    }

    static TestClient newUser(TestEngine engine, String tag) {
        String email = email(tag);
        register(engine, email);
        return signedIn(engine, email, PASSWORD);
    }

    /** A signed-in client of a fresh admin (created the way the CLI does). */
    static TestClient newAdmin(TestEngine engine) {
        String email = email("admin");
        engine.engine().component().adminAccounts().createOrPromote(email, "Admin", PASSWORD);
        return signedIn(engine, email, PASSWORD);
    }

    /** The mails queued for {@code to}, oldest first, as {to, subject, text} objects. */
    static List<JsonNode> mailsTo(TestEngine engine, String to) {
        return engine.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail' ORDER BY id")
                .mapTo(String.class).list()).stream().map(AccountFixtures::parse).filter(m -> m.get("to").asText().equals(to)).toList();
    }

    static JsonNode lastMailTo(TestEngine engine, String to) {
        List<JsonNode> mails = mailsTo(engine, to);
        assertThat(mails).as("mails to " + to).isNotEmpty();
        return mails.getLast();
    }

    /** The link in the last mail to {@code to}, and the {@code token} query parameter in it. */
    static String tokenInLastMail(TestEngine engine, String to) {
        Matcher m = LINK.matcher(lastMailTo(engine, to).get("text").asText());
        assertThat(m.find()).isTrue();
        String query = URI.create(m.group()).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no token in " + m.group());
    }

    static String pathInLastMail(TestEngine engine, String to) {
        Matcher m = LINK.matcher(lastMailTo(engine, to).get("text").asText());
        assertThat(m.find()).isTrue();
        URI uri = URI.create(m.group());
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    static long count(TestEngine engine, String table) {
        // table names here are test constants, never input
        return engine.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
