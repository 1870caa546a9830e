package com.mintreu.engine;

import com.mintreu.engine.config.DatabaseConfig;
import com.mintreu.engine.config.EngineConfig;
import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.db.Database;
import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** Engine-wide bindings: config sections, the database, metrics. */
@Module
interface EngineModule {

    @Provides
    static ServerConfig server(MintreuConfig config) {
        return config.server();
    }

    @Provides
    static DatabaseConfig database(MintreuConfig config) {
        return config.database();
    }

    @Provides
    static EngineConfig engine(MintreuConfig config) {
        return config.engine();
    }

    @Provides
    static SecurityConfig security(MintreuConfig config) {
        return config.security();
    }

    @Provides
    @Singleton
    static Database openDatabase(DatabaseConfig config, EnginePaths paths) {
        return Database.open(config, paths.home());
    }

    @Provides
    static Jdbi jdbi(Database database) {
        return database.jdbi();
    }

    @Provides
    @Singleton
    static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    static MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }
}
