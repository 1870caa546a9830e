package com.mintreu.engine.plugin.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a plugin's Flyway migrations from its own class loader: {@code db/<id>/common} then
 * {@code db/<id>/<dialect>}, with the history table {@code flyway_<id>}. The two locations are
 * siblings on purpose: Flyway scans a location recursively, so a single {@code db/<id>} location
 * would pick up the other dialect's folder too.
 */
public final class PluginMigrations {

    private PluginMigrations() {
    }

    /** The history table of a plugin, e.g. {@code flyway_storage_local}. */
    public static String historyTable(String pluginId) {
        return "flyway_" + pluginId.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * Migrates and returns how many migrations ran; 0 without touching the database when the plugin
     * ships none (no empty history tables for plugins without tables).
     */
    public static int migrate(String pluginId, ClassLoader loader, Jdbi jdbi, String dialect) {
        List<String> locations = new ArrayList<>();
        for (String folder : List.of("db/" + pluginId + "/common", "db/" + pluginId + "/" + dialect)) {
            if (loader.getResource(folder) != null) {
                locations.add("classpath:" + folder);
            }
        }
        if (locations.isEmpty()) {
            return 0;
        }
        MigrateResult result = Flyway.configure(loader)
                .dataSource(new JdbiDataSource(jdbi))
                .locations(locations.toArray(String[]::new))
                .table(historyTable(pluginId))
                // the engine's and other plugins' tables share the schema: start a plugin's history at 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
