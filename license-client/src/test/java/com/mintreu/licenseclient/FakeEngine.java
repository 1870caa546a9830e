package com.mintreu.licenseclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A local stand-in for the engine's license client routes (validate, the machine and seat actions, check-in)
 * and keys, signing exactly as README-signatures.md says, with hooks to tamper with what it sends and
 * a record of what it received.
 */
final class FakeEngine implements AutoCloseable {

    private static final DateTimeFormatter JDK_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", java.util.Locale.US)
            .withZone(java.time.ZoneId.of("GMT"));

    /** A machine as the engine renders it. */
    static final String MACHINE = "{\"id\":\"mch_1\",\"fingerprint\":\"fp-1\",\"name\":\"Office\",\"platform\":\"Linux/amd64\","
            + "\"hostname\":\"ws-1\",\"cores\":8,\"createdAt\":1767225600000,\"lastHeartbeatAt\":1767229200000}";

    /** A seat as the engine renders it. */
    static final String SEAT = "{\"id\":\"lus_1\",\"user\":\"Ann@Example.com\",\"createdAt\":1767225600000}";

    /** An answer of a machine, seat or check-in route with {@code code}; {@code extra} is more fields, e.g. {@code ,"machine":{...}}. */
    static String action(String code, String extra) {
        return "{\"ok\":true,\"code\":\"" + code + "\",\"detail\":\"done\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\",\"license\":{"
                + "\"id\":\"lic_1\",\"status\":\"active\",\"product\":\"prd_1\",\"entitlements\":[],\"machines\":1,\"maxMachines\":2,"
                + "\"users\":1,\"maxUsers\":3}" + extra + "}";
    }

    final KeyPair engineKey = generate();
    final KeyPair productKey = generate();
    final HttpServer server;
    volatile String answer = "{\"valid\":true,\"code\":\"VALID\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\"}";
    /** Applied to the body after signing (tampering in transit). */
    volatile UnaryOperator<byte[]> inTransit = b -> b;
    /** The nonce the signature covers; null = the request's. */
    volatile String signedNonce;
    volatile String echoedNonce;
    /** The HTTP status of the signed answers (the engine signs its 4xx problem answers too). */
    volatile int status = 200;
    /**
     * The answers of the machine, seat and check-in routes by path, {@code %s} the echoed nonce; the defaults
     * are the engine's success answers.
     */
    final Map<String, String> actions = new ConcurrentHashMap<>(Map.of(
            LicenseClient.ACTIVATE, action("ACTIVATED", ",\"machine\":" + MACHINE),
            LicenseClient.DEACTIVATE, action("DEACTIVATED", ""),
            LicenseClient.HEARTBEAT, action("HEARTBEAT_OK", ""),
            LicenseClient.LIST, action("LISTED", ",\"machines\":[" + MACHINE + ",{\"id\":\"mch_2\",\"fingerprint\":\"fp-2\",\"name\":null,"
                    + "\"platform\":null,\"hostname\":null,\"cores\":null,\"createdAt\":1767225600000,\"lastHeartbeatAt\":1767225600000}]"),
            LicenseClient.CHECK_IN, action("CHECKED_IN", ""),
            LicenseClient.USER_ADD, action("SEAT_CLAIMED", ",\"user\":" + SEAT),
            LicenseClient.USER_REMOVE, action("SEAT_RELEASED", ""),
            LicenseClient.USER_LIST, action("LISTED", ",\"users\":[" + SEAT + ",{\"id\":\"lus_2\",\"user\":\"bob\",\"createdAt\":1767229200000}]")));
    /** Every request to an answering route, in order. */
    final List<Received> received = new CopyOnWriteArrayList<>();

    /** A request as it arrived: the path, its {@code Mintreu-Nonce} header and body. */
    record Received(String path, String nonce, String body) {}

    FakeEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/licenses/keys", x -> send(x, 200, jwks().getBytes(StandardCharsets.UTF_8), "", false));
        server.createContext(LicenseClient.VALIDATE, x -> answer(x, answer));
        for (String path : actions.keySet()) {
            server.createContext(path, x -> answer(x, actions.get(path)));
        }
        server.start();
    }

    private void answer(HttpExchange x, String template) throws IOException {
        String nonce = x.getRequestHeaders().getFirst("Mintreu-Nonce");
        received.add(new Received(x.getRequestURI().getPath(), nonce, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] body = template.formatted(echoedNonce != null ? echoedNonce : nonce).getBytes(StandardCharsets.UTF_8);
        send(x, status, body, signedNonce != null ? signedNonce : nonce, true);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwks() {
        return "{\"keys\":[" + jwk("eng", "engine", engineKey) + "," + jwk("prd", "prd_1", productKey) + "]}";
    }

    private static String jwk(String kid, String scope, KeyPair k) {
        byte[] der = k.getPublic().getEncoded();
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length));
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"x\":\"" + x + "\",\"use\":\"sig\",\"alg\":\"EdDSA\",\"mintreu:scope\":\""
                + scope + "\"}";
    }

    private void send(HttpExchange x, int status, byte[] body, String nonce, boolean tamper) throws IOException {
        // the JDK server writes its own Date header (this format, the current second) when the headers go
        // out; sign that same value, and not within the last 200 ms of a second, so the two agree
        long ms = System.currentTimeMillis() % 1000;
        if (ms > 800) {
            try {
                Thread.sleep(1000 - ms + 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String date = JDK_DATE.format(java.time.Instant.now());
        byte[] signed = new SignedAnswer(status, date, nonce, "", body).signedBytes();
        x.getResponseHeaders().add("Date", date);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.getResponseHeaders().add("Mintreu-Signature",
                "keyid=\"eng\", algorithm=\"ed25519\", signature=\"" + Base64.getEncoder().encodeToString(sign(engineKey.getPrivate(), signed)) + "\"");
        byte[] sent = tamper ? inTransit.apply(body.clone()) : body;
        x.sendResponseHeaders(status, sent.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(sent);
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
