package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A page opened on a host name other than the public URL's is sent there; everything a machine
 * calls (ops, API, webhooks, license client) and every POST answers on any host. Requests are
 * written by hand on a socket so the Host and proxy headers are exactly what a browser or proxy sends.
 */
@WithConfig(bundledPlugins = true)
class PublicHostRedirectTest {

    record Answer(int status, Map<String, String> headers, String body) {}

    static Answer request(TestEngine e, String method, String target, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", e.engine().port())) {
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = text.split("\r\n\r\n", 2);
            String[] lines = parts[0].split("\r\n");
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] kv = lines[i].split(":", 2);
                answerHeaders.put(kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, parts.length > 1 ? parts[1] : "");
        }
    }

    static Answer page(TestEngine e, String method, String target, String host) throws IOException {
        return request(e, method, target, Map.of("Host", host, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"), null);
    }

    static String otherHost(TestEngine e) {
        return "localhost:" + e.engine().port();
    }

    static String publicHost(TestEngine e) {
        return e.base().getAuthority();
    }

    @EngineTest
    void aPageOnAnotherHostIsSentToTheSamePathOnThePublicUrl(TestEngine e) throws IOException {
        for (String method : new String[] {"GET", "HEAD"}) {
            Answer moved = page(e, method, "/search?q=focus%20timer&page=2", otherHost(e));
            assertThat(moved.status()).as(method).isEqualTo(301);
            assertThat(moved.headers().get("location")).isEqualTo(e.base() + "/search?q=focus%20timer&page=2");
            assertThat(moved.headers().get("cache-control")).isEqualTo("no-store");
        }
        assertThat(page(e, "GET", "/", "SHOP.example:" + e.engine().port()).headers().get("location")).isEqualTo(e.base() + "/");

        Answer home = page(e, "GET", "/", publicHost(e));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("<html");
        // the host's letter case does not matter, and neither does an explicit default port elsewhere
        assertThat(page(e, "GET", "/", publicHost(e).toUpperCase(Locale.ROOT)).status()).isEqualTo(200);
    }

    @EngineTest
    void machineEndpointsAnswerOnAnyHost(TestEngine e) throws IOException {
        for (String path : new String[] {"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/api/v1/licenses/keys", "/static/css/site.css"}) {
            Answer answer = page(e, "GET", path, otherHost(e));
            assertThat(answer.status()).as(path).isEqualTo(200);
        }
        Map<String, String> json = Map.of("Host", otherHost(e), "Content-Type", "application/json", "Accept", "text/html");
        Answer validate = request(e, "POST", "/api/v1/licenses/validate", json, "{\"key\":\"MK1.nope\"}");
        assertThat(validate.status()).isEqualTo(200);
        assertThat(validate.body()).contains("\"valid\":false");
        Answer webhook = request(e, "POST", "/api/v1/webhooks/payment-nowhere", json, "{}");
        assertThat(webhook.status()).isEqualTo(404);
        assertThat(webhook.headers().get("content-type")).startsWith("application/problem+json");
        // a client that does not ask for HTML (curl, a monitor, a script) is answered where it asked
        assertThat(request(e, "GET", "/", Map.of("Host", otherHost(e), "Accept", "*/*"), null).status()).isEqualTo(200);
    }

    @EngineTest
    void aFormPostedOnAnotherHostIsHandledThere(TestEngine e) throws IOException {
        TestClient browser = e.client();
        e.engine().component().demoShop().seed();
        String plan = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM plans ORDER BY id LIMIT 1").mapTo(String.class).one());
        var login = browser.get("/login"); // a page with a form: its token, for a visitor not signed in, rides in a cookie
        String cookie = login.header("Set-Cookie").split(";", 2)[0];
        String csrf = login.html().select("input[name=_csrf]").attr("value");
        assertThat(csrf).isNotEmpty();
        Answer posted = request(e, "POST", "/cart/items", Map.of("Host", otherHost(e), "Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
                "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&planId=" + plan + "&quantity=1");
        assertThat(posted.status()).isEqualTo(303);
        String session = posted.headers().get("set-cookie");
        assertThat(session).as("adding to the cart starts the session, on the host the form was posted to").startsWith("mintreu_session=");
        String id = session.split(";", 2)[0].substring("mintreu_session=".length());
        assertThat(e.client().withSession(id).get("/api/v1/cart").json().get("lines")).hasSize(1);
    }

    @EngineTest
    void behindAProxyTheForwardedHostDecidesAndAnUnknownHostIsLeftAlone(TestEngine e) throws IOException {
        Map<String, String> html = Map.of("Accept", "text/html");
        assertThat(request(e, "GET", "/", with(html, "Host", "backend:9000", "X-Forwarded-Host", publicHost(e)), null).status()).isEqualTo(200);
        assertThat(request(e, "GET", "/", with(html, "Host", "backend:9000", "Forwarded", "for=10.0.0.1;host=\"" + publicHost(e) + "\";proto=http"), null)
                .status()).isEqualTo(200);
        Answer forwardedElsewhere = request(e, "GET", "/login", with(html, "Host", "backend:9000", "X-Forwarded-Host", otherHost(e)), null);
        assertThat(forwardedElsewhere.status()).isEqualTo(301);
        assertThat(forwardedElsewhere.headers().get("location")).isEqualTo(e.base() + "/login");
        // a proxy that rewrites Host and names only the client: redirecting would loop forever
        assertThat(request(e, "GET", "/", with(html, "Host", "backend:9000", "X-Forwarded-For", "10.0.0.1"), null).status()).isEqualTo(200);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
