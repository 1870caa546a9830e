package com.mintreu.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.cli.MintreuCommand;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Plugins inside a running engine: routes served over HTTP, failures visible, the engine still up. */
class PluginsInEngineTest {

    @TempDir
    Path dir;

    private Path pluginsWithOneGoodAndOneFailing() {
        Path plugins = dir.resolve("plugins");
        PluginHostTest.greeter().writeTo(plugins);
        TestPluginZip.plugin("thrower").source("test.thrower.Thrower", PluginHostTest.THROWER).writeTo(plugins);
        // PF4J's factory answers null for a missing plugin class; that once took the whole engine down
        TestPluginZip.plugin("ghost").pluginClass("test.ghost.Missing").source("test.plain.Plain", PluginHostTest.PLAIN).writeTo(plugins);
        return plugins;
    }

    private static String yaml(Path plugins) {
        return "engine: {pluginsDir: '" + plugins + "'}\nplugins:\n  greeter: {config: {greeting: Hello, times: 2}}\n";
    }

    @Test
    void pluginRoutesAreServedAndAFailedPluginDoesNotStopTheEngine() {
        Path plugins = pluginsWithOneGoodAndOneFailing();
        for (String kind : com.mintreu.engine.testing.TestDatabase.kinds()) {
            try (TestEngine engine = TestEngine.boot(kind, yaml(plugins))) {
                Response hello = engine.client().get("/plugins/greeter/hello/Ada");
                assertThat(hello.status()).as(kind).isEqualTo(200);
                assertThat(hello.body()).isEqualTo("Hello, Ada! Hello, Ada!");
                assertThat(hello.header("Content-Security-Policy")).as("plugin pages get the security headers").isNotNull();

                assertThat(engine.client().get("/plugins/thrower/never").status()).as("a failed plugin mounts nothing").isEqualTo(404);
                assertThat(engine.client().get("/readyz").status()).isEqualTo(200);

                var statuses = engine.engine().component().pluginHost().statuses();
                assertThat(statuses).extracting(PluginStatus::id, PluginStatus::state).contains(
                        org.assertj.core.groups.Tuple.tuple("greeter", PluginStatus.State.STARTED),
                        org.assertj.core.groups.Tuple.tuple("thrower", PluginStatus.State.FAILED));
                assertThat(engine.client().get("/api/v1/admin/plugins").status()).as("admin only").isEqualTo(401);
                var admin = com.mintreu.engine.testing.TestUsers.signIn(engine, "admin").client();
                var page = admin.get("/admin/plugins").html();
                assertThat(page.select("tr:has(code:containsOwn(thrower)) .state").text()).isEqualTo("FAILED");
                assertThat(page.select("tr:has(code:containsOwn(thrower))").text()).contains("database on fire");
                assertThat(page.select("tr:has(code:containsOwn(greeter)) .state").text()).isEqualTo("STARTED");
                assertThat(page.select("tr:has(code:containsOwn(ghost)) .state").text()).isEqualTo("FAILED");
                assertThat(page.select("tr:has(code:containsOwn(ghost))").text()).contains("test.ghost.Missing").contains("is not in the plugin");
                assertThat(admin.get("/api/v1/admin/plugins").json().findValuesAsText("state")).contains("FAILED", "STARTED");
                assertThat(com.mintreu.engine.testing.TestUsers.signIn(engine, "customer").client().get("/admin/plugins").status()).isEqualTo(403);
            }
        }
    }

    @Test
    void pluginsListShowsWhatCanBeCheckedWithoutStartingAndExits3OnFailure() throws Exception {
        Path plugins = pluginsWithOneGoodAndOneFailing();
        Path conf = dir.resolve("mintreu.yaml");
        Files.writeString(conf, "plugins:\n  greeter: {config: {greeting: Hello}}\n"
                + "database: {url: 'jdbc:sqlite:" + dir.resolve("cli.db") + "'}\n"
                + "engine: {pluginsDir: '" + plugins + "', dataDir: '" + dir.resolve("data") + "'}\n");
        CommandLine cli = MintreuCommand.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("plugins", "list", "--config", conf.toString());
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).containsPattern("greeter\\s+1\\.0\\.0\\s+READY")
                .containsPattern("ghost\\s+\\S+\\s+FAILED\\s+.*ghost.*test\\.ghost\\.Missing.*is not in the plugin")
                .as("start() is not run, so a plugin whose start throws passes this check")
                .containsPattern("thrower\\s+\\S+\\s+READY");
    }
}
