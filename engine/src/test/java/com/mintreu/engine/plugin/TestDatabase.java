package com.mintreu.engine.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * A throw-away database: a SQLite file in a temp folder, or, when MINTREU_TEST_POSTGRES_URL is set,
 * a schema of its own on that PostgreSQL server (so parallel test runs never share tables).
 */
final class TestDatabase implements AutoCloseable {

    static final String POSTGRES_URL = System.getenv("MINTREU_TEST_POSTGRES_URL");

    final String dialect;
    final Jdbi jdbi;
    private final Runnable cleanup;

    private TestDatabase(String dialect, Jdbi jdbi, Runnable cleanup) {
        this.dialect = dialect;
        this.jdbi = jdbi;
        this.cleanup = cleanup;
    }

    /** "sqlite", plus "postgresql" when the environment provides a server. */
    static List<String> dialects() {
        List<String> out = new ArrayList<>(List.of("sqlite"));
        if (POSTGRES_URL != null && !POSTGRES_URL.isBlank()) {
            out.add("postgresql");
        }
        return out;
    }

    static TestDatabase open(String dialect, Path dir) {
        if (dialect.equals("sqlite")) {
            return new TestDatabase(dialect, Jdbi.create("jdbc:sqlite:" + dir.resolve("test.db")), () -> { });
        }
        String schema = "plugin_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        Jdbi admin = Jdbi.create(POSTGRES_URL, props);
        admin.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        Jdbi jdbi = Jdbi.create(POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, props);
        return new TestDatabase(dialect, jdbi, () -> admin.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE")));
    }

    boolean tableExists(String table) {
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
