package com.mintreu.licenseclient;

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
import java.util.function.UnaryOperator;

/**
 * A local stand-in for the engine's validate and keys routes, signing exactly as README-signatures.md
 * says, with hooks to tamper with what it sends.
 */
final class FakeEngine implements AutoCloseable {

    private static final DateTimeFormatter JDK_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", java.util.Locale.US)
            .withZone(java.time.ZoneId.of("GMT"));

    final KeyPair engineKey = generate();
    final KeyPair productKey = generate();
    final HttpServer server;
    volatile String answer = "{\"valid\":true,\"code\":\"VALID\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\"}";
    /** Applied to the body after signing (tampering in transit). */
    volatile UnaryOperator<byte[]> inTransit = b -> b;
    /** The nonce the signature covers; null = the request's. */
    volatile String signedNonce;
    volatile String echoedNonce;

    FakeEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/licenses/keys", x -> send(x, 200, jwks().getBytes(StandardCharsets.UTF_8), "", false));
        server.createContext("/api/v1/licenses/validate", x -> {
            x.getRequestBody().readAllBytes();
            String nonce = x.getRequestHeaders().getFirst("Mintreu-Nonce");
            byte[] body = answer.formatted(echoedNonce != null ? echoedNonce : nonce).getBytes(StandardCharsets.UTF_8);
            send(x, 200, body, signedNonce != null ? signedNonce : nonce, true);
        });
        server.start();
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

    private void send(com.sun.net.httpserver.HttpExchange x, int status, byte[] body, String nonce, boolean tamper) throws IOException {
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
