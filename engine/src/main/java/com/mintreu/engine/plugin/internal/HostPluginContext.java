package com.mintreu.engine.plugin.internal;

import com.mintreu.api.PluginContext;
import com.mintreu.api.Secrets;
import com.mintreu.api.event.Events;
import com.mintreu.api.web.WebRoutes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link PluginContext} of one plugin: plain values the host prepared before start. */
public final class HostPluginContext implements PluginContext {

    private final String pluginId;
    private final Map<Class<?>, Object> configs;
    private final Jdbi jdbi;
    private final String dialect;
    private final Clock clock;
    private final PluginEvents events;
    private final URI baseUrl;
    private final Secrets secrets;
    private final PluginRoutes web;
    private final Path dataDir;
    private final Duration callTimeout;
    private final Logger logger;

    public HostPluginContext(String pluginId, Map<Class<?>, Object> configs, Jdbi jdbi, String dialect, Clock clock,
            PluginEvents events, URI baseUrl, Secrets secrets, PluginRoutes web, Path dataDir, Duration callTimeout) {
        this.pluginId = pluginId;
        this.configs = Map.copyOf(configs);
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.clock = clock;
        this.events = events;
        this.baseUrl = baseUrl;
        this.secrets = secrets;
        this.web = web;
        this.dataDir = dataDir;
        this.callTimeout = callTimeout;
        this.logger = LoggerFactory.getLogger("mintreu.plugin." + pluginId);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public <C> C config(Class<C> type) {
        Object config = configs.get(type);
        if (config == null) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' has no config of type " + type.getName()
                    + "; declared: " + configs.keySet().stream().map(Class::getSimpleName).toList());
        }
        return type.cast(config);
    }

    @Override
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public String dialect() {
        return dialect;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Events events() {
        return events;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public WebRoutes web() {
        return web;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }

    @Override
    public String toString() {
        return "PluginContext[" + pluginId + "]";
    }
}
