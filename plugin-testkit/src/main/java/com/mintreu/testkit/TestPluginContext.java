package com.mintreu.testkit;

import com.mintreu.api.PluginContext;
import com.mintreu.api.Secrets;
import com.mintreu.api.event.Events;
import com.mintreu.api.web.WebHandler;
import com.mintreu.api.web.WebRoutes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PluginContext} for a plugin's own unit tests, made the way the engine makes one: a temp
 * SQLite database with the plugin's migrations ({@code db/<id>/common} and {@code db/<id>/sqlite})
 * applied under its own history table, per-purpose secrets, and the routes the plugin registers
 * kept for the test to call. {@link #configured} binds the config from YAML with the engine's rules. Not for production: the real context comes from the engine.
 */
public final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final Path dir;
    private final Object config;
    private final String masterSecret;
    private final Jdbi jdbi;
    private final Map<String, WebHandler> routes = new HashMap<>();
    private final Map<String, List<Consumer<Map<String, Object>>>> subscribers = new HashMap<>();
    private volatile Clock clock;
    private URI baseUrl = URI.create("http://shop.test");
    private Duration callTimeout = Duration.ofSeconds(10);

    /**
     * @param pluginId     the plugin's id (migration folders and table prefix)
     * @param dir          a temp folder: the database file and the plugin's data dir live here
     * @param config       the plugin's bound config record, as {@link #config(Class)} returns it
     * @param clock        the clock the plugin sees; change it later with {@link #clock(Clock)}
     * @param masterSecret stands in for the engine's master secret when deriving {@link #secrets()}
     */
    public TestPluginContext(String pluginId, Path dir, Object config, Clock clock, String masterSecret) {
        this.pluginId = pluginId;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.masterSecret = masterSecret;
        String url = "jdbc:sqlite:" + dir.resolve("plugin-test.db");
        Flyway.configure(getClass().getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:db/" + pluginId + "/common", "classpath:db/" + pluginId + "/sqlite")
                .table("flyway_" + pluginId.replace('-', '_'))
                .failOnMissingLocations(false)
                .load()
                .migrate();
        this.jdbi = Jdbi.create(url);
    }

    /**
     * A context whose config is bound from YAML as the engine binds {@code plugins.<pluginId>.config}
     * before start: a broken config fails here with the problems the engine would report.
     *
     * @param configType   the extension's {@code configType()}
     * @param configYaml   what goes under {@code config:} in {@code mintreu.yaml}; blank for none
     * @throws com.mintreu.config.ConfigException listing every problem, each at {@code plugins.<pluginId>.config.<field>}
     * @see PluginConfigs
     */
    public static TestPluginContext configured(String pluginId, Path dir, Class<? extends Record> configType, String configYaml,
            Clock clock, String masterSecret) {
        return new TestPluginContext(pluginId, dir, PluginConfigs.bind(pluginId, configType, configYaml), clock, masterSecret);
    }

    /** Moves the plugin's clock (expiry, timestamps). */
    public TestPluginContext clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public TestPluginContext baseUrl(URI baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    /** Sets what {@link #callTimeout()} answers; the engine's default is 10 seconds. */
    public TestPluginContext callTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
        return this;
    }

    /** The handler the plugin registered for {@code method} and relative {@code path}, or null. */
    public WebHandler route(String method, String path) {
        return routes.get(method + " " + path);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public <C> C config(Class<C> type) {
        if (config != null && !type.isInstance(config)) {
            // as the engine: a type the extension did not declare is a programming error, not a cast failure
            throw new IllegalArgumentException("plugin '" + pluginId + "' has no config of type " + type.getName()
                    + "; declared: [" + config.getClass().getSimpleName() + "]");
        }
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
        return new Events() {
            @Override
            public void publish(String topic, Map<String, Object> payload) {
                subscribers.getOrDefault(topic, List.of()).forEach(s -> s.accept(payload));
            }

            @Override
            public Subscription subscribe(String topic, Consumer<Map<String, Object>> consumer) {
                subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(consumer);
                return () -> subscribers.getOrDefault(topic, List.of()).remove(consumer);
            }
        };
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public Secrets secrets() {
        return purpose -> {
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest((masterSecret + "|" + pluginId + "|" + purpose).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("mintreu.plugin." + pluginId);
    }

    @Override
    public WebRoutes web() {
        return (method, path, handler) -> routes.put(method + " " + path, handler);
    }

    @Override
    public Path dataDir() {
        return dir;
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }
}
