package com.mintreu.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An HTTP client with a cookie jar, for talking to a {@link TestEngine} as a browser or an API
 * client would. It does not follow redirects, so tests see the 303s themselves.
 */
public final class TestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies;
    private String bearer;
    private String csrfToken;

    TestClient(URI base) {
        this.base = base;
        this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends {@code Authorization: Bearer token} on every request from now on. */
    public TestClient bearer(String token) {
        this.bearer = token;
        return this;
    }

    /**
     * Sends the session's CSRF token in {@code X-CSRF-Token} on every request from now on, as a
     * script of the shop's own pages would; without it, a cookie request to the API with a body
     * other than JSON is refused as cross-site.
     */
    public TestClient csrfHeader(String token) {
        this.csrfToken = token;
        return this;
    }

    /** Puts a session cookie into the jar, as if the browser had signed in. */
    public TestClient withSession(String cookieValue) {
        java.net.HttpCookie cookie = new java.net.HttpCookie("mintreu_session", cookieValue);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
        return this;
    }

    /** The cookies held for the engine, e.g. to hand a signed-in session to a {@link Browser}. */
    public java.util.List<java.net.HttpCookie> cookies() {
        return cookies.getCookieStore().get(base);
    }

    /** Posts raw bytes (uploads, hand-built multipart bodies). */
    public Response postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response putJson(String path, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response postJson(String path, Object body) {
        return postJson(path, body, Map.of());
    }

    /** A JSON POST with extra request headers (e.g. {@code Idempotency-Key}). */
    public Response postJson(String path, Object body, Map<String, String> headers) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return post(path, "application/json", json, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response post(String path, String contentType, String body) {
        return post(path, contentType, body, Map.of());
    }

    public Response post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return send(b);
    }

    /** Any method with raw bytes; a null content type sends none. */
    public Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return send(b);
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Posts a form as a browser would (fields URL-encoded, in order). */
    public Response postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body);
    }

    /** Loads the page at {@code pagePath}, fills the form found by {@code formSelector} and submits it with its CSRF token. */
    public Response submitForm(String pagePath, String formSelector, Map<String, String> values) {
        Response page = get(pagePath);
        Element form = page.html().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on " + pagePath + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.putAll(values);
        return postForm(form.attr("action"), fields);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (csrfToken != null) {
            b.header("X-CSRF-Token", csrfToken);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What came back. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().getFirst()).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Document html() {
            return Jsoup.parse(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
