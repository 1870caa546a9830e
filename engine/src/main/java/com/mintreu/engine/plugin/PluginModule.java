package com.mintreu.engine.plugin;

import com.mintreu.engine.Version;
import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.db.Database;
import com.mintreu.engine.security.Secrets;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The plugin host, built from the engine's config, database and secrets. */
@Module
public interface PluginModule {

    @Provides
    @Singleton
    static PluginHost pluginHost(MintreuConfig config, EnginePaths paths, Database database, Clock clock,
            Secrets secrets) {
        return new PluginHost(new PluginEnvironment(paths.pluginsDir(), paths.dataDir(), config.plugins(),
                config.engine().pluginCallTimeout(), database.jdbi(), database.dialect().id(), clock,
                config.server().publicUrl(), secrets.master(), Version.current()));
    }
}
