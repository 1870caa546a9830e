package com.mintreu.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

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

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"--help"}, {"serve", "--help"}, {"migrate", "--help"},
                {"config", "check", "--help"}, {"version", "--help"}, {"subscriptions", "renew", "--help"}}) {
            Run r = run(command);
            assertThat(r.exit()).as(String.join(" ", command)).isZero();
            assertThat(r.out()).as(String.join(" ", command)).contains("Usage:");
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run r = run("frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }

    @Test
    void versionPrintsTheEngineVersion() {
        Run r = run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("mintreu 0.").contains("java ");
    }

    @Test
    void configCheckPrintsEffectiveConfigWithSecretsMasked() throws Exception {
        Path conf = dir.resolve("mintreu.yaml");
        Files.writeString(conf, "database: {url: 'jdbc:postgresql://db/shop', password: s3cr3t-value}\n");
        Run r = run("config", "check", "--config", conf.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(": OK").contains("url: jdbc:postgresql://db/shop").containsPattern("password: ['\"]?\\*{6}").contains("busyTimeout: 10s")
                .doesNotContain("s3cr3t-value").contains("# WARN security.secret is empty, so the master secret is kept in the database");

        Files.writeString(conf, "security: {secret: 0123456789abcdef0123456789abcdef-x}\n");
        assertThat(run("config", "check", "--config", conf.toString()).out()).doesNotContain("WARN");
    }

    @Test
    void configCheckReportsEveryProblemAndExits2() throws Exception {
        Path conf = dir.resolve("bad.yaml");
        Files.writeString(conf, "server: {port: abc}\ndatabse: {}\n");
        Run r = run("config", "check", "--config", conf.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server.port: expected a whole number, got 'abc'")
                .contains("databse: unknown key, did you mean 'database'?");
    }

    @Test
    void missingConfigFileIsOneClearLine() {
        Run r = run("config", "check", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml: file not found");
    }

    @Test
    void migrateAppliesThenReportsUpToDate() throws Exception {
        Path conf = dir.resolve("mintreu.yaml");
        Files.writeString(conf, "database: {url: 'jdbc:sqlite:" + dir.resolve("m.db") + "'}\n");
        Run first = run("migrate", "--config", conf.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("applied ");
        Run second = run("migrate", "--config", conf.toString());
        assertThat(second.out()).contains("database is up to date");
    }
}
