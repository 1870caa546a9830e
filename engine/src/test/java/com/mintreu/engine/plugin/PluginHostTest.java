package com.mintreu.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.Extension;
import com.mintreu.api.storage.ObjectContent;
import com.mintreu.api.storage.StorageBackend;
import com.mintreu.api.storage.StoredObject;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.engine.config.PluginSettings;
import com.mintreu.engine.plugin.PluginStatus.State;
import com.mintreu.plugins.storagelocal.LocalStorage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PluginHostTest {

    /** A working plugin: required config, a table from its migrations, a route. */
    static final String GREETER = """
            package test.greeter;

            import com.mintreu.api.Extension;
            import com.mintreu.api.PluginContext;
            import com.mintreu.api.config.Setting;
            import com.mintreu.api.web.WebResponse;

            @org.pf4j.Extension
            public class Greeter implements Extension {

                public record Config(@Setting(required = true, help = "how to greet") String greeting, int times) {
                    static Config defaults() { return new Config(null, 1); }
                }

                public String id() { return "greeter"; }

                public Class<? extends Record> configType() { return Config.class; }

                public void start(PluginContext ctx) {
                    Config config = ctx.config(Config.class);
                    ctx.jdbi().useHandle(h -> h.execute("INSERT INTO greeter_greetings (greeting) VALUES (?)", config.greeting()));
                    ctx.web().route("GET", "hello/{name}", req -> WebResponse.text(
                            (config.greeting() + ", " + req.pathParams().get("name") + "! ").repeat(config.times()).strip()));
                }
            }
            """;

    static final String THROWER = """
            package test.thrower;

            @org.pf4j.Extension
            public class Thrower implements com.mintreu.api.Extension {
                public String id() { return "thrower"; }

                public void start(com.mintreu.api.PluginContext ctx) {
                    ctx.web().route("GET", "never", req -> com.mintreu.api.web.WebResponse.text("never"));
                    throw new IllegalStateException("database on fire");
                }
            }
            """;

    static final String PLAIN = """
            package test.plain;

            @org.pf4j.Extension
            public class Plain implements com.mintreu.api.Extension {
                public String id() { return "plain"; }
            }
            """;

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    TestDatabase db;
    PluginHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static List<String> dialects() {
        return TestDatabase.dialects();
    }

    static TestPluginZip greeter() {
        return TestPluginZip.plugin("greeter").requires(">=0.1.0")
                .source("test.greeter.Greeter", GREETER)
                .resource("db/greeter/common/V1__greetings.sql", "CREATE TABLE greeter_greetings (greeting VARCHAR(100) NOT NULL);")
                .resource("db/greeter/sqlite/V2__dialect.sql", "CREATE TABLE greeter_sqlite_only (x INTEGER);")
                .resource("db/greeter/postgresql/V2__dialect.sql", "CREATE TABLE greeter_postgresql_only (x INTEGER);");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aGoodPluginStartsMigratesAndServes(String dialect) throws Exception {
        greeter().writeTo(pluginsDir());

        start(dialect, Map.of("greeter", settings(true, "{\"greeting\": \"Hello\", \"times\": 2}")));

        assertThat(host.statuses()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("greeter");
            assertThat(s.version()).isEqualTo("1.0.0");
            assertThat(s.state()).isEqualTo(State.STARTED);
            assertThat(s.path()).isEqualTo(pluginsDir().resolve("greeter-1.0.0.zip"));
        });
        assertThat(host.extension(Extension.class, "greeter")).isPresent();
        assertThat(host.extensions(Extension.class)).hasSize(1);

        // migrations: common + this dialect's folder only, with the plugin's own history table
        List<String> greetings = db.jdbi.withHandle(h -> h.createQuery("SELECT greeting FROM greeter_greetings").mapTo(String.class).list());
        assertThat(greetings).containsExactly("Hello");
        assertThat(db.tableExists("greeter_" + dialect + "_only")).isTrue();
        String other = dialect.equals("sqlite") ? "postgresql" : "sqlite";
        assertThat(db.tableExists("greeter_" + other + "_only")).isFalse();
        assertThat(db.tableExists("flyway_greeter")).isTrue();
        assertThat(Files.isDirectory(tmp.resolve("data/plugins/greeter"))).isTrue();

        // the route is mounted and answers through the dispatcher
        PluginRoute route = route("greeter", "GET", "hello/{name}");
        WebResponse response = route.handler().handle(new WebRequest("GET", "hello/Ada", Map.of("name", "Ada"), Map.of(), Map.of(), null));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, Ada! Hello, Ada!");
    }

    @Test
    void migrationsRunOnceAcrossRestarts() {
        greeter().writeTo(pluginsDir());
        Map<String, PluginSettings> settings = Map.of("greeter", settings(true, "{\"greeting\": \"Hi\"}"));
        start("sqlite", settings);
        host.close();

        host = new PluginHost(env(settings));
        host.start();

        assertThat(host.statuses()).extracting(PluginStatus::state).containsExactly(State.STARTED);
        List<String> applied = db.jdbi.withHandle(h -> h.createQuery(
                "SELECT version FROM flyway_greeter WHERE success AND version IN ('1', '2') ORDER BY installed_rank").mapTo(String.class).list());
        assertThat(applied).containsExactly("1", "2");
        List<String> greetings = db.jdbi.withHandle(h -> h.createQuery("SELECT greeting FROM greeter_greetings").mapTo(String.class).list());
        assertThat(greetings).containsExactly("Hi", "Hi"); // start ran twice, the migration once
    }

    @Test
    void aBadDescriptorFailsWithItsPath() {
        TestPluginZip.plugin("broken").descriptor("plugin.version=1.0.0\n").source("test.plain.Plain", PLAIN).writeTo(pluginsDir());
        greeter().writeTo(pluginsDir());

        start("sqlite", Map.of("greeter", settings(true, "{\"greeting\": \"Hi\"}")));

        PluginStatus broken = status("broken-1.0.0");
        assertThat(broken.state()).isEqualTo(State.FAILED);
        assertThat(broken.path()).isEqualTo(pluginsDir().resolve("broken-1.0.0.zip"));
        assertThat(broken.reason()).containsIgnoringCase("id");
        assertThat(status("greeter").state()).isEqualTo(State.STARTED);
    }

    @Test
    void aMissingDependencyFails() {
        TestPluginZip.plugin("needy").dependsOn("ghost").source("test.plain.Plain", PLAIN).writeTo(pluginsDir());

        start("sqlite", Map.of());

        assertThat(status("needy").state()).isEqualTo(State.FAILED);
        assertThat(status("needy").reason()).contains("ghost");
        assertThat(host.extensions(Extension.class)).isEmpty();
    }

    @Test
    void aDependencyThatFailedFailsItsDependents() {
        TestPluginZip.plugin("thrower").source("test.thrower.Thrower", THROWER).writeTo(pluginsDir());
        TestPluginZip.plugin("needy").dependsOn("thrower").source("test.plain.Plain", PLAIN).writeTo(pluginsDir());

        start("sqlite", Map.of());

        assertThat(status("needy").state()).isEqualTo(State.FAILED);
        assertThat(status("needy").reason()).contains("thrower");
    }

    @Test
    void anIncompatibleRequiresFails() {
        TestPluginZip.plugin("future").requires(">=99.0.0").source("test.plain.Plain", PLAIN).writeTo(pluginsDir());

        start("sqlite", Map.of());

        assertThat(status("future").state()).isEqualTo(State.FAILED);
        assertThat(status("future").reason()).contains("99.0.0").contains("0.1.0");
    }

    @Test
    void aBadConfigFailsWithTheYamlPaths() {
        greeter().writeTo(pluginsDir());

        start("sqlite", Map.of("greeter", settings(true, "{\"times\": \"lots\", \"greting\": \"Hi\"}")));

        PluginStatus greeter = status("greeter");
        assertThat(greeter.state()).isEqualTo(State.FAILED);
        assertThat(greeter.reason())
                .contains("plugins.greeter.config.greeting")
                .contains("plugins.greeter.config.times")
                .contains("plugins.greeter.config.greting").contains("did you mean 'greeting'");
        // nothing ran for a plugin that is not configured right
        assertThat(db.tableExists("greeter_greetings")).isFalse();
        assertThat(host.routes()).isEmpty();
    }

    @Test
    void aThrowingStartFailsAndMountsNoRoute() {
        TestPluginZip.plugin("thrower").source("test.thrower.Thrower", THROWER).writeTo(pluginsDir());
        greeter().writeTo(pluginsDir());

        start("sqlite", Map.of("greeter", settings(true, "{\"greeting\": \"Hi\"}")));

        assertThat(status("thrower").state()).isEqualTo(State.FAILED);
        assertThat(status("thrower").reason()).contains("database on fire").contains("PLUGIN_ERROR");
        assertThat(host.routes()).extracting(PluginRoute::pluginId).containsExactly("greeter");
        assertThat(host.extension(Extension.class, "thrower")).isEmpty();
        assertThat(status("greeter").state()).isEqualTo(State.STARTED);
    }

    /** A plugin whose code PF4J or the host cannot turn into objects, and the words the operator must read. */
    record Broken(String name, TestPluginZip zip, List<String> reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Broken> brokenPlugins() {
        String abstractExtension = """
                package test.broken;
                @org.pf4j.Extension
                public abstract class Half implements com.mintreu.api.Extension {
                    public String id() { return "half"; }
                }
                """;
        String noDefaultConstructor = """
                package test.broken;
                @org.pf4j.Extension
                public class Needy implements com.mintreu.api.Extension {
                    public Needy(String what) { }
                    public String id() { return "needy"; }
                }
                """;
        String throwingConstructor = """
                package test.broken;
                @org.pf4j.Extension
                public class Grumpy implements com.mintreu.api.Extension {
                    public Grumpy() { throw new IllegalStateException("no license file"); }
                    public String id() { return "grumpy"; }
                }
                """;
        String throwingPluginClass = """
                package test.broken;
                public class Boot extends org.pf4j.Plugin {
                    public Boot() { throw new IllegalStateException("cannot boot"); }
                }
                """;
        String abstractPluginClass = """
                package test.broken;
                public abstract class Boot extends org.pf4j.Plugin {
                }
                """;
        return List.of(
                new Broken("plugin class that does not exist", TestPluginZip.plugin("broken").pluginClass("test.ghost.Missing")
                        .source("test.plain.Plain", PLAIN), List.of("test.ghost.Missing", "plugin.class", "is not in the plugin")),
                new Broken("plugin class whose constructor throws", TestPluginZip.plugin("broken").pluginClass("test.broken.Boot")
                        .source("test.broken.Boot", throwingPluginClass), List.of("test.broken.Boot", "threw IllegalStateException: cannot boot")),
                new Broken("abstract plugin class", TestPluginZip.plugin("broken").pluginClass("test.broken.Boot")
                        .source("test.broken.Boot", abstractPluginClass), List.of("test.broken.Boot", "is abstract")),
                new Broken("extension class that does not exist", TestPluginZip.plugin("broken").source("test.plain.Plain", PLAIN)
                        .resource("META-INF/extensions.idx", "test.plain.Plain\ntest.ghost.Gone\n"),
                        List.of("test.ghost.Gone", "extensions.idx", "is not in the plugin")),
                new Broken("abstract extension", TestPluginZip.plugin("broken").source("test.broken.Half", abstractExtension),
                        List.of("test.broken.Half", "is abstract")),
                new Broken("extension without a no-argument constructor", TestPluginZip.plugin("broken").source("test.broken.Needy", noDefaultConstructor),
                        List.of("test.broken.Needy", "no public no-argument constructor")),
                new Broken("extension whose constructor throws", TestPluginZip.plugin("broken").source("test.broken.Grumpy", throwingConstructor),
                        List.of("test.broken.Grumpy", "threw IllegalStateException: no license file")));
    }

    @ParameterizedTest
    @MethodSource("brokenPlugins")
    void aPluginWhoseClassesCannotBeMadeFailsWithTheReasonAndTheOthersStart(Broken broken) throws Exception {
        Path zip = broken.zip().writeTo(pluginsDir());
        greeter().writeTo(pluginsDir());

        start("sqlite", Map.of("greeter", settings(true, "{\"greeting\": \"Hi\"}")));

        PluginStatus status = status("broken");
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.path()).isEqualTo(zip);
        assertThat(status.reason()).contains(broken.reason());
        assertThat(host.extensions(Extension.class)).extracting(Extension::id).containsExactly("greeter");
        WebResponse hello = route("greeter", "GET", "hello/{name}").handler()
                .handle(new WebRequest("GET", "hello/Ada", Map.of("name", "Ada"), Map.of(), Map.of(), null));
        assertThat(new String(hello.body(), StandardCharsets.UTF_8)).isEqualTo("Hi, Ada!");
    }

    @Test
    void enabledFalseDisablesThePlugin() {
        greeter().writeTo(pluginsDir());

        start("sqlite", Map.of("greeter", settings(false, "{}")));

        assertThat(status("greeter").state()).isEqualTo(State.DISABLED);
        assertThat(host.extensions(Extension.class)).isEmpty();
        assertThat(db.tableExists("greeter_greetings")).isFalse();
    }

    @Test
    void aMissingPluginsFolderIsNoError() {
        host = new PluginHost(envFor("sqlite", tmp.resolve("does-not-exist"), Map.of()));
        host.start();
        assertThat(host.statuses()).isEmpty();
    }

    @Test
    void statusesBecomeStoppedOnClose() {
        TestPluginZip.plugin("plain").source("test.plain.Plain", PLAIN).writeTo(pluginsDir());
        start("sqlite", Map.of());
        host.close();
        assertThat(status("plain").state()).isEqualTo(State.STOPPED);
        assertThat(host.extensions(Extension.class)).isEmpty();
    }

    @Test
    void theBundledStorageLocalPluginWorksThroughTheHost() throws Exception {
        TestPluginZip.plugin("storage-local").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(LocalStorage.class))).writeTo(pluginsDir());

        start("sqlite", Map.of());

        assertThat(status("storage-local").state()).isEqualTo(State.STARTED);
        StorageBackend storage = host.extension(StorageBackend.class, "storage-local").orElseThrow();
        // loaded by the plugin's class loader, not the test's: the plugin is really isolated
        assertThat(storage.getClass().getClassLoader()).isNotSameAs(LocalStorage.class.getClassLoader());
        PluginDispatcher dispatcher = host.dispatcher();
        StoredObject stored = dispatcher.call("storage-local", "put",
                () -> storage.put("a/b.txt", new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), 100));
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        try (ObjectContent content = dispatcher.call("storage-local", "get", () -> storage.get("a/b.txt").orElseThrow())) {
            assertThat(content.stream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("abc");
        }
        assertThat(tmp.resolve("data/plugins/storage-local/storage/objects/a/b.txt")).hasContent("abc");
    }

    private void start(String dialect, Map<String, PluginSettings> settings) {
        host = new PluginHost(envFor(dialect, pluginsDir(), settings));
        host.start();
    }

    private PluginEnvironment envFor(String dialect, Path pluginsDir, Map<String, PluginSettings> settings) {
        db = TestDatabase.open(dialect, tmp);
        return new PluginEnvironment(pluginsDir, tmp.resolve("data"), settings, Duration.ofSeconds(10), db.jdbi, dialect,
                Clock.systemUTC(), URI.create("http://localhost:8080"), new byte[32], "0.1.0-SNAPSHOT");
    }

    private PluginEnvironment env(Map<String, PluginSettings> settings) {
        return new PluginEnvironment(pluginsDir(), tmp.resolve("data"), settings, Duration.ofSeconds(10), db.jdbi, db.dialect,
                Clock.systemUTC(), URI.create("http://localhost:8080"), new byte[32], "0.1.0-SNAPSHOT");
    }

    private PluginStatus status(String id) {
        return host.statuses().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + id + " in " + host.statuses()));
    }

    private Path pluginsDir() {
        return tmp.resolve("plugins");
    }

    private static PluginSettings settings(boolean enabled, String json) {
        try {
            return new PluginSettings(enabled, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }


    /** The route {@code pluginId} registered with exactly this method and relative path. */
    private PluginRoute route(String pluginId, String method, String path) {
        return host.routes().stream()
                .filter(r -> r.pluginId().equals(pluginId) && r.method().equals(method) && r.path().equals(path))
                .findFirst().orElseThrow();
    }
}
