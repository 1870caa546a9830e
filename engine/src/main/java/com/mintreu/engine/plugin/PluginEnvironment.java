package com.mintreu.engine.plugin;

import com.mintreu.engine.config.PluginSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything the {@link PluginHost} needs from the engine, gathered by the caller (the Dagger
 * module, a CLI command or a test).
 *
 * @param pluginsDir    folder scanned for {@code *.zip} plugins and plugin folders; need not exist
 * @param dataDir       the engine data folder; each plugin gets {@code <dataDir>/plugins/<id>}
 * @param settings      {@code plugins.<id>} entries from the YAML, by plugin id
 * @param callTimeout   the limit of every engine-to-plugin call, {@code start} included
 * @param jdbi          the shared pool; plugin migrations run through it
 * @param dialect       {@code "sqlite"} or {@code "postgresql"}
 * @param clock         the engine clock
 * @param baseUrl       the public base URL of the shop
 * @param masterSecret  the engine master secret; plugins only get keys derived from it
 * @param engineVersion checked against each plugin's {@code requires}
 */
public record PluginEnvironment(
        Path pluginsDir,
        Path dataDir,
        Map<String, PluginSettings> settings,
        Duration callTimeout,
        Jdbi jdbi,
        String dialect,
        Clock clock,
        URI baseUrl,
        byte[] masterSecret,
        String engineVersion) {

    public PluginEnvironment {
        settings = Map.copyOf(settings);
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("plugin call timeout must be positive, got " + callTimeout);
        }
        if (!dialect.equals("sqlite") && !dialect.equals("postgresql")) {
            throw new IllegalArgumentException("dialect must be sqlite or postgresql, got " + dialect);
        }
        if (masterSecret.length < 32) {
            throw new IllegalArgumentException("the master secret must have at least 32 bytes");
        }
        masterSecret = masterSecret.clone();
    }

    /** A copy, so nobody can change the secret the host derives keys from. */
    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    @Override
    public String toString() {
        // the master secret must never end up in a log line
        return "PluginEnvironment[pluginsDir=" + pluginsDir + ", dataDir=" + dataDir + ", plugins=" + settings.keySet()
                + ", callTimeout=" + callTimeout + ", dialect=" + dialect + ", baseUrl=" + baseUrl
                + ", engineVersion=" + engineVersion + "]";
    }
}
