package com.mintreu.plugins.meterredis;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plugins.meter-redis.config}.
 *
 * @param uri       the Redis server, {@code redis://[:password@]host:port[/db]} or {@code rediss://} for TLS;
 *                  a secret because it may carry the password
 * @param keyPrefix put before every key, so several shops (or tests) can share one Redis
 * @param timeout   connect and command timeout; at most half of {@code engine.pluginCallTimeout} is used
 */
public record RedisMeterConfig(
        @Setting(secret = true, help = "Redis server URI, redis://[:password@]host:port[/db] (rediss:// for TLS)") String uri,
        @Setting(help = "prefix of every key this meter writes, e.g. mintreu:meter:") String keyPrefix,
        @Setting(help = "connect and command timeout; at most half of engine.pluginCallTimeout is used") Duration timeout)
        implements Validated {

    static final String DEFAULT_URI = "redis://127.0.0.1:6379";

    static RedisMeterConfig defaults() {
        return new RedisMeterConfig(DEFAULT_URI, "mintreu:meter:", Duration.ofSeconds(1));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        // the URI is never echoed: it may hold the password
        URI parsed = null;
        try {
            parsed = uri == null ? null : URI.create(uri);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (parsed == null || parsed.getHost() == null || !("redis".equals(parsed.getScheme()) || "rediss".equals(parsed.getScheme()))) {
            problems.add(new Problem("uri", "must be a redis:// or rediss:// URI with a host, such as " + DEFAULT_URI));
        }
        if (keyPrefix == null || keyPrefix.isEmpty() || keyPrefix.length() > 64 || keyPrefix.contains("{") || keyPrefix.contains("}")) {
            problems.add(new Problem("keyPrefix", "must be 1 to 64 characters without { or } (they mark Redis hash slots)"));
        }
        if (timeout == null || timeout.compareTo(Duration.ofMillis(10)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            problems.add(new Problem("timeout", "must be between 10ms and 30s, got " + timeout));
        }
        return problems;
    }

    /** The server without its password, for the start log line. */
    String where() {
        try {
            URI u = URI.create(uri);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(unparsable uri)";
        }
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "RedisMeterConfig[uri=***, keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
    }
}
