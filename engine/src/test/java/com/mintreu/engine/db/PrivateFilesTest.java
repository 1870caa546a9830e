package com.mintreu.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mintreu.engine.security.Secrets;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the engine writes to disk is its own: data folders 0700, the SQLite database and its WAL 0600. And a secret kept in the database is said. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDataFolderThePluginFoldersAndTheDatabaseAreTheEnginesAlone() throws Exception {
        Path data = dir.resolve("data");
        String yaml = "engine: {dataDir: '" + data + "'}\n";
        Logger secrets = (Logger) LoggerFactory.getLogger(Secrets.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        secrets.addAppender(log);
        try (TestEngine engine = TestEngine.bootOn("sqlite", "jdbc:sqlite:" + data.resolve("db/mintreu.db"),
                yaml)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("db"))).isEqualTo("rwx------");
            assertThat(mode(data.resolve("db/mintreu.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("db/mintreu.db-wal"))).as("SQLite gives its WAL the database's mode").isEqualTo("rw-------");
            assertThat(log.list).anyMatch(e -> e.getLevel().toString().equals("WARN") && e.getFormattedMessage().contains("kept in the database"));
        } finally {
            secrets.detachAppender(log);
        }
        Path plugin = PrivateFiles.directories(dir.resolve("data2/plugins/storage-local"));
        assertThat(mode(plugin)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data2"))).isEqualTo("rwx------");
    }

    @Test
    void aConfiguredSecretIsNotWarnedAbout() throws Exception {
        Logger secrets = (Logger) LoggerFactory.getLogger(Secrets.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        secrets.addAppender(log);
        try (TestEngine engine = TestEngine.bootOn("sqlite", "jdbc:sqlite:" + dir.resolve("s.db"),
                "security: {secret: 0123456789abcdef0123456789abcdef-x}\n")) {
            assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains("kept in the database"));
        } finally {
            secrets.detachAppender(log);
        }
    }
}
