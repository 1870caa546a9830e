package com.mintreu.engine.metering;

import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.xnio.IoUtils;

/**
 * Passes one admitted call to its upstream and the answer back, with both bodies streamed: the
 * client's body is read from Undertow's blocking stream as the JDK client sends it, and the
 * upstream's body is copied to the client as it arrives, so neither is ever whole in memory.
 * Runs on the worker thread the router dispatched to (blocking I/O there is Undertow's model).
 *
 * <p>Headers: hop-by-hop headers (RFC 9110 7.6.1, and any the {@code Connection} header names) are
 * not passed either way; the client's key ({@code Authorization}, {@code X-Api-Key}), its cookies
 * (they are the shop's) and any {@code X-Mintreu-*} or {@code X-Forwarded-*} it sent are removed;
 * the gateway adds {@value #SECRET_HEADER}, {@value #PRODUCT_HEADER} and {@code X-Forwarded-For /
 * -Proto / -Host}. An upstream's {@code Set-Cookie} is dropped: it would land on the shop's domain.
 *
 * <p>Timeouts: connecting longer than {@code apiKeys.gatewayConnectTimeout}, or waiting longer than
 * {@code apiKeys.gatewayReadTimeout} for the answer's status and headers, is a 504; a refused or
 * broken connection before the answer started is a 502. Once the answer has started, an upstream
 * that breaks off, or sends no byte of its body for {@code gatewayReadTimeout} ({@link IdleWatch}),
 * can only cut the client's connection short.
 */
@Singleton
final class GatewayProxy {

    static final String SECRET_HEADER = "X-Mintreu-Upstream-Secret";
    static final String PRODUCT_HEADER = "X-Mintreu-Product";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-connection");
    /** Set by the JDK client itself (it refuses them) or meaningless upstream. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "expect", "authorization", "x-api-key", "cookie",
            "forwarded");

    private final ApiKeysConfig config;
    private final HttpClient client;

    @Inject
    GatewayProxy(ApiKeysConfig config) {
        this.config = config;
        // HTTP/1.1: no h2c upgrade dance on every new connection; redirects go back to the client as they are.
        // The client's own tasks run on its selector thread rather than being handed to a pool: the worker
        // waiting in send() and the body stream's queue are the only consumers, and neither blocks that thread
        // (bench/gateway.sh: 5.8k -> 9.5k calls/s here, the hand-offs were the cost)
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run).connectTimeout(config.gatewayConnectTimeout()).build();
    }

    /** Forwards the call; {@code extraHeaders} (the rate limit headers) are added to the client's answer. */
    void forward(Exchange x, URI target, String productId, String secret, Map<String, String> extraHeaders) throws IOException {
        HttpServerExchange raw = x.raw();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.gatewayReadTimeout());
        Set<String> connectionNamed = connectionTokens(raw.getRequestHeaders().get("Connection"));
        for (HeaderValues values : raw.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || NOT_FORWARDED.contains(lower) || connectionNamed.contains(lower) || lower.startsWith("x-mintreu-")
                    || lower.startsWith("x-forwarded-")) {
                continue;
            }
            for (String v : values) {
                try {
                    request.header(name, v);
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client sets itself (e.g. Date in some versions): it goes as the client sends it
                }
            }
        }
        request.header(SECRET_HEADER, secret).header(PRODUCT_HEADER, productId).header("X-Forwarded-For", x.clientIp())
                .header("X-Forwarded-Proto", raw.getRequestScheme());
        String host = raw.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        request.method(x.method(), body(x));

        HttpResponse<InputStream> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ApiException(GatewayError.UPSTREAM_TIMEOUT, "the upstream did not accept a connection within "
                    + config.gatewayConnectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw new ApiException(GatewayError.UPSTREAM_TIMEOUT, "the upstream did not answer within " + config.gatewayReadTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(GatewayError.UPSTREAM_UNREACHABLE, "the call was interrupted");
        } catch (IOException e) {
            if (causedByTooBig(e)) {
                throw new ApiException(GatewayError.BODY_TOO_LARGE, "the request body is larger than " + config.gatewayMaxBodyBytes() + " bytes");
            }
            throw new ApiException(GatewayError.UPSTREAM_UNREACHABLE, "the upstream refused or broke the connection");
        }
        try (InputStream in = answer.body(); IdleWatch watch = new IdleWatch(in, config.gatewayReadTimeout().toMillis())) {
            Set<String> copied = respond(raw, answer, extraHeaders);
            OutputStream out = raw.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            while (true) {
                int n;
                watch.reading();
                try {
                    n = in.read(buffer);
                } catch (IOException broken) {
                    upstreamBroke(raw, copied, watch.tripped());
                    return;
                } finally {
                    watch.readDone();
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                    // pass on what arrived now rather than when Undertow's buffer fills: a slow or streaming upstream is seen as it goes
                    if (in.available() == 0) {
                        out.flush();
                    }
                } catch (IOException clientGone) {
                    IoUtils.safeClose(raw.getConnection());
                    return;
                }
            }
            out.close();
        }
    }

    /**
     * The upstream broke off (or stalled) in its body. Before anything reached the client this is an
     * ordinary 502/504; after, only closing the connection tells the client the body is incomplete
     * (ending the exchange would send the final chunk, making a cut body look whole).
     */
    private void upstreamBroke(HttpServerExchange raw, Set<String> copied, boolean stalled) {
        if (raw.isResponseStarted()) {
            IoUtils.safeClose(raw.getConnection());
            return;
        }
        copied.forEach(raw.getResponseHeaders()::remove);
        throw stalled ? new ApiException(GatewayError.UPSTREAM_TIMEOUT, "the upstream stopped sending its answer for "
                + config.gatewayReadTimeout().toMillis() + " ms")
                : new ApiException(GatewayError.UPSTREAM_UNREACHABLE, "the upstream broke off its answer");
    }

    private HttpRequest.BodyPublisher body(Exchange x) {
        HttpServerExchange raw = x.raw();
        long length = raw.getRequestContentLength();
        boolean chunked = raw.getRequestHeaders().contains("Transfer-Encoding");
        if (length <= 0 && !chunked) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (length > config.gatewayMaxBodyBytes()) {
            throw new ApiException(GatewayError.BODY_TOO_LARGE, "the request body is " + length + " bytes; the gateway passes at most "
                    + config.gatewayMaxBodyBytes());
        }
        InputStream in = x.uploadStream(config.gatewayMaxBodyBytes());
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
        // a known length goes on as Content-Length (some upstreams refuse chunked uploads); else chunked
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /** Sets the upstream's status and headers on the answer; returns the names of the headers it copied. */
    private static Set<String> respond(HttpServerExchange raw, HttpResponse<InputStream> answer, Map<String, String> extraHeaders) {
        raw.setStatusCode(answer.statusCode());
        Set<String> copied = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        HttpHeaders headers = answer.headers();
        Set<String> connectionNamed = connectionTokens(headers.allValues("Connection"));
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || HOP_BY_HOP.contains(lower) || connectionNamed.contains(lower) || lower.equals("set-cookie")) {
                return;
            }
            raw.getResponseHeaders().putAll(HttpString.tryFromString(name), values);
            copied.add(name);
        });
        extraHeaders.forEach((k, v) -> raw.getResponseHeaders().put(HttpString.tryFromString(k), v));
        if (!raw.isBlocking()) {
            raw.startBlocking();
        }
        return copied;
    }

    private static Set<String> connectionTokens(List<String> values) {
        Set<String> out = new TreeSet<>();
        if (values != null) {
            for (String v : values) {
                for (String token : v.split(",")) {
                    out.add(token.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static boolean causedByTooBig(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooBigException) {
                return true;
            }
        }
        return false;
    }
}
