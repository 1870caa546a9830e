package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The HTTP listener. */
public record ServerConfig(
        @Setting(help = "interface to listen on; 0.0.0.0 for all; empty: all for serve, 127.0.0.1 for demo") String host,
        @Setting(help = "TCP port; 0 picks a free one") int port,
        @Setting(help = "the URL people use to reach this engine; https makes cookies Secure") URI publicUrl,
        @Setting(help = "largest request body accepted, in bytes") long maxBodyBytes,
        @Setting(help = "worker threads for blocking (database) work") int workerThreads,
        @Setting(help = "how long shutdown waits for in-flight requests") Duration shutdownGrace,
        @Setting(help = "write one access-log line per request") boolean accessLog,
        @Setting(help = "reverse proxies (IPs or CIDR ranges) whose X-Forwarded-For / Forwarded header names the client; empty trusts none")
        List<String> trustedProxies,
        @Setting(help = "who may read /metrics: loopback (this machine only), token (Bearer metricsToken) or public") Metrics metrics,
        @Setting(help = "the Bearer token /metrics asks for when metrics is token (16+ characters)", secret = true) String metricsToken)
        implements Validated {

    /** Who may read {@code /metrics}. */
    public enum Metrics { LOOPBACK, TOKEN, PUBLIC }

    public ServerConfig {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        metrics = metrics == null ? Metrics.LOOPBACK : metrics;
        metricsToken = metricsToken == null ? "" : metricsToken;
    }

    static ServerConfig defaults() {
        return new ServerConfig("", 8080, URI.create("http://localhost:8080"), 1_048_576, 32, Duration.ofSeconds(20), true,
                List.of(), Metrics.LOOPBACK, "");
    }

    /** The parsed {@link #trustedProxies} (valid once {@link #problems()} found none). */
    public List<Cidr> trustedProxyRanges() {
        return trustedProxies.stream().map(Cidr::parse).toList();
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (port < 0 || port > 65535) {
            out.add(new Problem("port", "expected a port between 0 and 65535, got " + port));
        }
        if (publicUrl != null && !List.of("http", "https").contains(publicUrl.getScheme())) {
            out.add(new Problem("publicUrl", "expected an http or https URL, got '" + publicUrl + "'"));
        }
        if (maxBodyBytes < 1024) {
            out.add(new Problem("maxBodyBytes", "expected at least 1024, got " + maxBodyBytes));
        }
        if (workerThreads < 1) {
            out.add(new Problem("workerThreads", "expected at least 1, got " + workerThreads));
        }
        for (int i = 0; i < trustedProxies.size(); i++) {
            try {
                Cidr.parse(trustedProxies.get(i));
            } catch (IllegalArgumentException e) {
                out.add(new Problem("trustedProxies[" + i + "]", e.getMessage()));
            }
        }
        if (metrics == Metrics.TOKEN && metricsToken.length() < 16) {
            out.add(new Problem("metricsToken", "expected 16 or more characters when metrics is token"));
        }
        return out;
    }

    /** The interface the listener binds: {@code host}, or every interface when none is configured. */
    public String listenHost() {
        return host == null || host.isBlank() ? "0.0.0.0" : host;
    }

    /** This config listening on {@code host} when none is configured (a command's own default). */
    public ServerConfig withDefaultHost(String fallback) {
        return host == null || host.isBlank() ? withHost(fallback) : this;
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, publicUrl, maxBodyBytes, workerThreads, shutdownGrace, accessLog, trustedProxies, metrics, metricsToken);
    }

    public boolean secureCookies() {
        return "https".equals(publicUrl.getScheme());
    }
}
