package com.mintreu.engine.db;

import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The engine's schema: portable SQL in {@code db/migration/common}, dialect-only SQL in
 * {@code db/migration/<dialect>}. Migrations are never edited, only added.
 */
public final class Migrations {

    private final Flyway flyway;

    public Migrations(Database database) {
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + database.dialect().id())
                .table("flyway_schema_history")
                .ignoreMigrationPatterns("*:future")
                .load();
    }

    /** Applies pending migrations; refuses a schema newer than this engine. Returns how many ran. */
    public int migrate() {
        refuseNewerSchema();
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /**
     * Throws {@link SchemaTooNewException} when the database holds migrations this engine does not
     * know: an older engine must not write to a schema a newer one shaped.
     */
    public void refuseNewerSchema() {
        MigrationInfoService info = flyway.info();
        Optional<MigrationInfo> future = Arrays.stream(info.all()).filter(Migrations::isFuture).reduce((a, b) -> b);
        if (future.isPresent()) {
            String knownUpTo = Arrays.stream(info.all()).filter(i -> !isFuture(i) && i.getVersion() != null)
                    .reduce((a, b) -> b).map(i -> i.getVersion().toString()).orElse("none");
            throw new SchemaTooNewException("the database schema is at version " + future.get().getVersion()
                    + " but this engine only knows migrations up to version " + knownUpTo
                    + "; run the newer engine that migrated it, or restore a backup made for this version");
        }
    }

    /** True when migrations are waiting to be applied. */
    public boolean pending() {
        return flyway.info().pending().length > 0;
    }

    private static boolean isFuture(MigrationInfo i) {
        return i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED;
    }

    /** The database was migrated by a newer engine. */
    public static final class SchemaTooNewException extends RuntimeException {
        public SchemaTooNewException(String message) {
            super(message);
        }
    }
}
