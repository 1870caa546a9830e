package com.mintreu.plugins.meterredis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The local Redis the tests run against ({@code MINTREU_TEST_REDIS_URI}, default
 * redis://127.0.0.1:6379). Without it the tests are skipped on a developer's machine, but fail
 * under CI=true: there Redis is started before the build, and a skipped meter test proves nothing.
 */
final class LocalRedis {

    static final String URI_ENV = "MINTREU_TEST_REDIS_URI";

    private LocalRedis() {}

    static String uri() {
        String uri = System.getenv(URI_ENV);
        return uri == null || uri.isBlank() ? RedisMeterConfig.DEFAULT_URI : uri;
    }

    /** Skips (or under CI fails) when nothing answers at {@link #uri()}. */
    static String required() {
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
