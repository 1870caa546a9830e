package com.mintreu.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The local Redis for the Redis meter's engine tests ({@code MINTREU_TEST_REDIS_URI}, default
 * redis://127.0.0.1:6379): skipped on a machine without it, a failure under CI, where Redis is
 * started before the build (as PostgreSQL tests may not be skipped there either).
 */
public final class TestRedis {

    public static final String URI_ENV = "MINTREU_TEST_REDIS_URI";

    private TestRedis() {}

    public static String uri() {
        String uri = System.getenv(URI_ENV);
        return uri == null || uri.isBlank() ? "redis://127.0.0.1:6379" : uri;
    }

    /** The URI, after checking something answers there; skips (or under CI fails) when not. */
    public static String required() {
        URI u = URI.create(uri());
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : 6379), 1_000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && System.getenv("CI") != null) {
            throw new IllegalStateException("Redis must answer at " + u.getHost() + " under CI: the Redis meter tests may not be skipped");
        }
        assumeTrue(up, "no Redis at " + u.getHost());
        return uri();
    }
}
