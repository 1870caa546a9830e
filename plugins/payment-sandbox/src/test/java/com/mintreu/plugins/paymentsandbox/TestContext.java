package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.PluginContext;
import com.mintreu.api.Secrets;
import com.mintreu.api.event.Events;
import com.mintreu.api.web.WebRoutes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A hand-made (copied from license-ed25519's tests: plugins share no test code yet) PluginContext on a temp SQLite file with the plugin's migration applied, as the engine would. */
final class TestContext implements PluginContext {

    private final Path dir;
    private final Jdbi jdbi;
    private final Object config;
    private final String masterSecret;
    Clock clock;

    TestContext(Path dir, Object config, Clock clock, String masterSecret) {
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.masterSecret = masterSecret;
        String url = "jdbc:sqlite:" + dir.resolve("test.db");
        Flyway.configure(getClass().getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:db/payment-sandbox/common")
                .table("flyway_payment_sandbox")
                .load()
                .migrate();
        this.jdbi = Jdbi.create(url);
    }

    @Override
    public String pluginId() {
        return "payment-sandbox";
    }

    @Override
    public <C> C config(Class<C> type) {
        return type.cast(config);
    }

    @Override
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public String dialect() {
        return "sqlite";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Events events() {
        throw new UnsupportedOperationException("not used by this plugin");
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://shop.test");
    }

    @Override
    public Secrets secrets() {
        return purpose -> {
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest((masterSecret + "|" + pluginId() + "|" + purpose).getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("plugin.payment-sandbox");
    }

    /** Routes the plugin registered, by {@code "METHOD path"}. */
    final java.util.Map<String, com.mintreu.api.web.WebHandler> routes = new java.util.HashMap<>();

    @Override
    public WebRoutes web() {
        return (method, path, handler) -> routes.put(method + " " + path, handler);
    }

    @Override
    public Path dataDir() {
        return dir;
    }
}
