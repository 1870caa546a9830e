package com.mintreu.engine.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A database for one test engine: a SQLite file in a temp folder, or a fresh schema in the
 * PostgreSQL database named by {@code MINTREU_TEST_POSTGRES_URL}, dropped afterwards.
 */
public record TestDatabase(String name, String jdbcUrl, Runnable cleanup) {

    public static final String POSTGRES_ENV = "MINTREU_TEST_POSTGRES_URL";

    /** The databases every {@link EngineTest} runs on. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("sqlite"));
        String pg = System.getenv(POSTGRES_ENV);
        if (pg != null && !pg.isBlank()) {
            kinds.add("postgresql");
        } else if (System.getenv("CI") != null) {
            throw new IllegalStateException(POSTGRES_ENV + " must be set under CI: the PostgreSQL tests may not be skipped");
        }
        return kinds;
    }

    public static TestDatabase create(String kind, Path tempDir) {
        if (kind.equals("sqlite")) {
            return new TestDatabase(kind, "jdbc:sqlite:" + tempDir.resolve("mintreu.db"), () -> {});
        }
        String base = System.getenv(POSTGRES_ENV);
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(kind, url, () -> execute(base, "DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_ENV + " failed: " + e.getMessage(), e);
        }
    }
}
