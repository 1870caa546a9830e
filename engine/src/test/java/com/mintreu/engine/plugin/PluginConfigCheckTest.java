package com.mintreu.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.cli.MintreuCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code config check} and {@code plugins list} check plugins' own settings without running the plugins. */
class PluginConfigCheckTest {

    /** A gateway-like plugin: a secret, a required field, a default; its start would leave a mark. */
    static final String VAULT = """
            package test.vault;

            import com.mintreu.api.PluginContext;
            import com.mintreu.api.config.Setting;

            @org.pf4j.Extension
            public class Vault implements com.mintreu.api.Extension {

                public record Config(@Setting(secret = true, required = true, help = "the provider's API key") String apiKey,
                                     @Setting(required = true) String account, int retries) {
                    static Config defaults() { return new Config(null, null, 3); }
                }

                public String id() { return "vault"; }

                public Class<? extends Record> configType() { return Config.class; }

                public void start(PluginContext ctx) throws Exception {
                    java.nio.file.Files.writeString(ctx.dataDir().resolve("started"), "yes");
                }
            }
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        CommandLine cli = MintreuCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path conf(String pluginsYaml) throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPluginZip.plugin("vault").source("test.vault.Vault", VAULT).writeTo(plugins);
        PluginHostTest.greeter().writeTo(plugins);
        Path conf = dir.resolve("mintreu.yaml");
        Files.writeString(conf, "database: {url: 'jdbc:sqlite:" + dir.resolve("check.db") + "'}\n"
                + "engine: {pluginsDir: '" + plugins + "', dataDir: '" + dir.resolve("data") + "'}\n" + pluginsYaml);
        return conf;
    }

    @Test
    void configCheckMasksPluginSecretsAndShowsTheBoundValues() throws Exception {
        Path conf = conf("""
                plugins:
                  vault: {config: {apiKey: sk_live_very_secret, account: acme}}
                  greeter: {enabled: false, config: {greeting: hush-hush-value}}
                  ghost: {config: {token: ghost-token-value}}
                """);

        Run r = run("config", "check", "--config", conf.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(": OK")
                .containsPattern("apiKey: ['\"]?\\*{6}").contains("account: acme").contains("retries: 3")
                .doesNotContain("sk_live_very_secret")
                .as("a config no record describes (disabled, not installed) is masked whole")
                .doesNotContain("hush-hush-value").doesNotContain("ghost-token-value");
        assertThat(r.err()).contains("plugins.ghost is configured but no plugin 'ghost'");
        assertThat(dir.resolve("data/plugins/vault/started")).as("start() did not run").doesNotExist();
    }

    @Test
    void configCheckReportsPluginConfigErrorsWithTheirYamlPathAndExits2() throws Exception {
        Path conf = conf("""
                plugins:
                  vault: {config: {acount: acme, retries: many}}
                  greeter: {config: {greeting: Hi}}
                """);

        Run r = run("config", "check", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("plugins.vault.config.apiKey: is required (the provider's API key)")
                .contains("plugins.vault.config.account: is required")
                .contains("plugins.vault.config.acount: unknown key, did you mean 'account'?")
                .contains("plugins.vault.config.retries: expected a whole number, got 'many'");
        assertThat(r.out()).doesNotContain(": OK");
    }

    @Test
    void theShippedConfigPassesWithTheBundledPluginsAndTheirSecretsMasked() throws Exception {
        BundledTestPlugins.writeTo(dir.resolve("plugins"));
        String shipped = Files.readString(Path.of("../distribution/src/main/conf/mintreu.yaml"));
        Path conf = dir.resolve("mintreu.yaml");
        assertThat(shipped).contains("\nplugins:\n");
        Files.writeString(conf, shipped.replace("\nplugins:\n", """

                plugins:
                  payment-sandbox: {config: {secret: whsec-sandbox-secret-of-at-least-32-chars}}
                """));
        // the shipped pluginsDir (./plugins) is relative to MINTREU_HOME: make the temp folder the home
        String home = System.getProperty("mintreu.home");
        System.setProperty("mintreu.home", dir.toString());
        try {
            Run r = run("config", "check", "--config", conf.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains(": OK").doesNotContain("whsec-sandbox-secret").containsPattern("secret: ['\"]?\\*{6}");
            Run list = run("plugins", "list", "--config", conf.toString());
            assertThat(list.exit()).as(list.out()).isZero();
            assertThat(list.out()).containsPattern("payment-sandbox\\s+\\S+\\s+READY").containsPattern("storage-local\\s+\\S+\\s+READY");
        } finally {
            if (home == null) {
                System.clearProperty("mintreu.home");
            } else {
                System.setProperty("mintreu.home", home);
            }
        }
    }

    @Test
    void pluginsListChecksWithoutStartingOrTouchingTheDatabase() throws Exception {
        Path conf = conf("""
                plugins:
                  vault: {config: {apiKey: k, account: acme}}
                """);
        // the greeter's required greeting is missing: FAILED with the YAML path

        Run r = run("plugins", "list", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).containsPattern("vault\\s+1\\.0\\.0\\s+READY")
                .containsPattern("greeter\\s+1\\.0\\.0\\s+FAILED\\s+.*plugins\\.greeter\\.config\\.greeting: is required");
        assertThat(dir.resolve("data/plugins/vault/started")).as("start() did not run").doesNotExist();
        assertThat(dir.resolve("check.db")).as("no database, no migrations").doesNotExist();
    }
}
