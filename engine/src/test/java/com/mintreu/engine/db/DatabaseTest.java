package com.mintreu.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;

class DatabaseTest {

    @EngineTest
    void concurrentWritersAllCommit(TestEngine engine) throws Exception {
        Jdbi jdbi = engine.jdbi();
        String prefix = "race_" + System.nanoTime() + "_";
        int threads = 16;
        int writesEach = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesEach; i++) {
                        String name = prefix + thread + "_" + i;
                        // read-then-write inside one transaction: the pattern that dies with SQLITE_BUSY
                        // on lock upgrade unless transactions begin IMMEDIATE
                        jdbi.useTransaction(h -> {
                            h.createQuery("SELECT COUNT(*) FROM settings").mapTo(Integer.class).one();
                            h.createUpdate("INSERT INTO settings (name, value) VALUES (:n, 'x')").bind("n", name).execute();
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int written = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM settings WHERE name LIKE :p")
                .bind("p", prefix + "%").mapTo(Integer.class).one());
        assertThat(written).isEqualTo(threads * writesEach);
    }

    @EngineTest
    void sqliteRunsWithDurableSettings(TestEngine engine) {
        if (!engine.kind().equals("sqlite")) {
            assertThat(engine.engine().component().database().dialect()).isEqualTo(Dialect.POSTGRESQL);
            return;
        }
        Map<String, Object> pragmas = engine.jdbi().withHandle(h -> Map.of(
                "journal_mode", h.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                "foreign_keys", h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one(),
                "synchronous", h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one(),
                "busy_timeout", h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()));
        assertThat(pragmas).containsEntry("journal_mode", "wal").containsEntry("foreign_keys", 1)
                .containsEntry("synchronous", 2).containsEntry("busy_timeout", 10_000);
    }

    @EngineTest
    void foreignKeysAreEnforced(TestEngine engine) {
        assertThatThrownBy(() -> engine.jdbi().useHandle(h -> h.createUpdate(
                "INSERT INTO user_roles (user_id, role, granted_at) VALUES ('usr_missing', 'admin', 0)").execute()))
                .isInstanceOf(org.jdbi.v3.core.statement.UnableToExecuteStatementException.class)
                .hasMessageContaining(engine.kind().equals("sqlite") ? "FOREIGN KEY" : "foreign key");
        int rows = engine.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM user_roles WHERE user_id = 'usr_missing'")
                .mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    @EngineTest
    void engineRefusesASchemaNewerThanItself(TestEngine engine) {
        Database database = engine.engine().component().database();
        Migrations migrations = new Migrations(database);
        assertThat(migrations.pending()).isFalse();
        engine.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                    installed_by, installed_on, execution_time, success)
                VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, TRUE)""")
                .execute());
        try {
            assertThatThrownBy(migrations::migrate)
                    .isInstanceOf(Migrations.SchemaTooNewException.class)
                    .hasMessageContaining("version 999").hasMessageMatching("(?s).*only knows migrations up to version \\d+;.*");
        } finally {
            engine.jdbi().useHandle(h -> h.createUpdate("DELETE FROM flyway_schema_history WHERE installed_rank = 999").execute());
        }
    }
}
