package com.mintreu.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.mintreu.engine.Engine;
import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.MintreuConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A real engine on port 0 for tests, on one database. Closed by JUnit after the test class
 * (it is a {@code CloseableResource} in the class store).
 */
public final class TestEngine implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String kind;
    private final Engine engine;
    private final MutableClock clock;
    private final TestDatabase database;
    private final Path dir;

    private TestEngine(String kind, Engine engine, MutableClock clock, TestDatabase database, Path dir) {
        this.kind = kind;
        this.engine = engine;
        this.clock = clock;
        this.database = database;
        this.dir = dir;
    }

    static TestEngine boot(String kind, Class<?> testClass) {
        WithConfig extra = testClass.getAnnotation(WithConfig.class);
        return boot(kind, extra == null ? "" : extra.value(), extra != null && extra.bundledPlugins());
    }

    /** Boots an engine on a new database with {@code extraYaml} merged over the test defaults. */
    public static TestEngine boot(String kind, String extraYaml) {
        return boot(kind, extraYaml, false);
    }

    /** As {@link #boot(String, String)}, with the real bundled plugins in the engine's plugins folder when asked. */
    public static TestEngine boot(String kind, String extraYaml, boolean bundledPlugins) {
        return boot(kind, extraYaml, bundledPlugins, pluginsDir -> {});
    }

    /** As {@link #boot(String, String, boolean)}, after {@code morePlugins} wrote further plugin zips into the plugins folder. */
    public static TestEngine boot(String kind, String extraYaml, boolean bundledPlugins, java.util.function.Consumer<Path> morePlugins) {
        try {
            Path dir = Files.createTempDirectory("mintreu-test-");
            if (bundledPlugins) {
                com.mintreu.engine.plugin.BundledTestPlugins.writeTo(dir.resolve("plugins"));
            }
            morePlugins.accept(dir.resolve("plugins"));
            return boot(kind, TestDatabase.create(kind, dir), dir, extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Boots a second engine node on {@code first}'s database (a cluster of two on one database).
     * Closing it leaves the database to {@code first}.
     */
    public static TestEngine secondNode(TestEngine first, String extraYaml) {
        try {
            Path dir = Files.createTempDirectory("mintreu-node2-");
            TestDatabase shared = new TestDatabase(first.kind, first.database.jdbcUrl(), () -> {});
            return boot(first.kind, shared, dir, extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #secondNode(TestEngine, String)}, with the bundled plugins when asked and the zips
     * {@code morePlugins} writes in its plugins folder: a node that runs other plugins than the first.
     */
    public static TestEngine secondNode(TestEngine first, String extraYaml, boolean bundledPlugins, java.util.function.Consumer<Path> morePlugins) {
        try {
            Path dir = Files.createTempDirectory("mintreu-node2-");
            if (bundledPlugins) {
                com.mintreu.engine.plugin.BundledTestPlugins.writeTo(dir.resolve("plugins"));
            }
            morePlugins.accept(dir.resolve("plugins"));
            TestDatabase shared = new TestDatabase(first.kind, first.database.jdbcUrl(), () -> {});
            return boot(first.kind, shared, dir, extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Boots an engine on an existing database (a restart after a crash); closing it leaves the database alone. */
    public static TestEngine bootOn(String kind, String jdbcUrl, String extraYaml) {
        try {
            return boot(kind, new TestDatabase(kind, jdbcUrl, () -> {}), Files.createTempDirectory("mintreu-restart-"), extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestEngine boot(String kind, TestDatabase db, Path dir, String extraYaml) throws IOException {
        for (int attempt = 1; ; attempt++) {
            MutableClock clock = new MutableClock();
            MintreuConfig config = ConfigLoader.parse(yaml(db.jdbcUrl(), dir, extraYaml), Map.of());
            try {
                Engine engine = Engine.start(config, dir, clock);
                return new TestEngine(kind, engine, clock, db, dir);
            } catch (RuntimeException e) {
                // the port was free when picked, but the engine binds it seconds later, after opening its
                // pool: an outgoing connection (to PostgreSQL, a fake) may have got it as its local port
                // meanwhile, as both come from the ephemeral range. Engine.start closed what it opened.
                if (attempt == 3 || !portTaken(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /** The default test config as YAML, with {@code extraYaml} deep-merged over it. */
    public static String yaml(String jdbcUrl, Path dir, String extraYaml) throws IOException {
        // a fixed free port rather than 0: plugins (the sandbox gateway) must know the public URL before HTTP starts
        int port = freePort();
        ObjectNode base = (ObjectNode) YAML.readTree("""
                server: {host: 127.0.0.1, workerThreads: 16, shutdownGrace: 2s, accessLog: false}
                database: {maxPoolSize: 8}
                engine: {theme: default}
                """);
        ((ObjectNode) base.get("server")).put("port", port).put("publicUrl", "http://127.0.0.1:" + port);
        ((ObjectNode) base.get("database")).put("url", jdbcUrl);
        ((ObjectNode) base.get("engine")).put("dataDir", dir.resolve("data").toString())
                .put("pluginsDir", dir.resolve("plugins").toString()).put("themesDir", dir.resolve("themes").toString());
        if (!extraYaml.isBlank()) {
            merge(base, YAML.readTree(extraYaml));
        }
        return YAML.writeValueAsString(base);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && into.get(e.getKey()) instanceof ObjectNode child) {
                merge(child, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    public String kind() {
        return kind;
    }

    public Engine engine() {
        return engine;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + engine.port());
    }

    public MutableClock clock() {
        return clock;
    }

    public Jdbi jdbi() {
        return engine.component().database().jdbi();
    }

    public Path dir() {
        return dir;
    }

    /** A fresh HTTP client with its own cookie jar: one "browser". */
    public TestClient client() {
        return new TestClient(base());
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            database.cleanup().run();
        }
    }
}
