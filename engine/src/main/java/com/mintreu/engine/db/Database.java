package com.mintreu.engine.db;

import com.mintreu.engine.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * The connection pool and Jdbi over it. SQLite runs in WAL mode with foreign keys on,
 * {@code synchronous=FULL} (a paid order must survive power loss) and IMMEDIATE transactions, so
 * two writers queue on the busy timeout instead of failing with SQLITE_BUSY on lock upgrade.
 */
public final class Database implements AutoCloseable {

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Dialect dialect, HikariDataSource dataSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the pool; {@code home} resolves a relative SQLite path. */
    public static Database open(DatabaseConfig config, Path home) {
        Dialect dialect = Dialect.of(config.url());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("mintreu-db");
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        if (dialect == Dialect.SQLITE) {
            Path file = sqliteFile(config.url(), home);
            try {
                PrivateFiles.directories(file.toAbsolutePath().getParent());
                PrivateFiles.file(file.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder for " + file, e);
            }
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.enforceForeignKeys(true);
            sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            hikari.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
            hikari.setDataSourceProperties(sqlite.toProperties());
        } else {
            hikari.setJdbcUrl(config.url());
            if (!config.username().isBlank()) {
                hikari.setUsername(config.username());
            }
            if (!config.password().isBlank()) {
                hikari.setPassword(config.password());
            }
        }
        return new Database(dialect, new HikariDataSource(hikari));
    }

    static Path sqliteFile(String url, Path home) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        Path file = Path.of(path);
        return file.isAbsolute() ? file : home.resolve(file).normalize();
    }

    public Dialect dialect() {
        return dialect;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a trivial query answers; used by {@code /readyz}. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
