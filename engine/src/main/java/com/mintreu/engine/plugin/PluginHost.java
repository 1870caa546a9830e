package com.mintreu.engine.plugin;

import com.mintreu.api.Extension;
import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.PluginContext;
import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigProblem;
import com.mintreu.config.PluginConfigBinding;
import com.mintreu.engine.config.PluginSettings;
import com.mintreu.engine.plugin.PluginStatus.State;
import com.mintreu.engine.plugin.internal.HostPluginContext;
import com.mintreu.engine.plugin.internal.HostPluginManager;
import com.mintreu.engine.plugin.internal.HostSecrets;
import com.mintreu.engine.plugin.internal.InProcessEvents;
import com.mintreu.engine.plugin.internal.PluginClasses;
import com.mintreu.engine.plugin.internal.PluginClasses.PluginClassException;
import com.mintreu.engine.plugin.internal.PluginEvents;
import com.mintreu.engine.plugin.internal.PluginMigrations;
import com.mintreu.engine.plugin.internal.PluginRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.PluginDependency;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins in the plugins folder with PF4J and runs their extensions: one instance per
 * extension, config bound and validated, Flyway migrations run, then {@code start(ctx)} through
 * the {@link PluginDispatcher}. A plugin that cannot load, resolve, configure, migrate or start
 * ends {@link State#FAILED} with its id, path and reason in the log and in {@link #statuses()};
 * the host keeps going, so the engine never fails to start because of a plugin.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
    // the id becomes a URL segment, a folder name, a Flyway location and a table prefix
    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Set<String> RESERVED_IDS = Set.of("migration");

    private record Running(String pluginId, String extensionId, Extension extension) {}

    private final PluginEnvironment env;
    private final PluginDispatcher dispatcher;
    private final InProcessEvents bus = new InProcessEvents();
    private final Map<String, PluginStatus> statuses = new LinkedHashMap<>();
    private final Map<String, PluginEvents> eventsByPlugin = new LinkedHashMap<>();
    private final List<Running> running = new CopyOnWriteArrayList<>();
    private final List<PluginRoute> mountedRoutes = new CopyOnWriteArrayList<>();
    // check(): extensions made and configured but never started, and what their configs look like masked
    private final List<Running> checked = new ArrayList<>();
    private final Map<String, JsonNode> maskedConfigs = new LinkedHashMap<>();
    private final List<ConfigProblem> configProblems = new ArrayList<>();
    private HostPluginManager manager;
    private boolean checking;
    private boolean closed;

    public PluginHost(PluginEnvironment env) {
        this.env = env;
        this.dispatcher = new PluginDispatcher(env.callTimeout());
    }

    /**
     * A host for {@link #check()} only (the CLI): it needs no database and no HTTP server, so the
     * environment's database and secret fields hold placeholders that {@code check()} never uses.
     */
    public static PluginHost forCheck(Path pluginsDir, Map<String, PluginSettings> settings, Duration callTimeout, String engineVersion) {
        return new PluginHost(new PluginEnvironment(pluginsDir, pluginsDir, settings, callTimeout, null, "sqlite",
                java.time.Clock.systemUTC(), java.net.URI.create("http://localhost"), new byte[32], engineVersion));
    }

    /** Loads and starts every plugin; never throws because of a plugin. Call once. */
    public synchronized void start() {
        load();
    }

    /**
     * Checks every plugin as {@link #start()} would, without running it: loads it, resolves its
     * dependencies and {@code requires}, makes its plugin class and extensions (their constructors
     * run, nothing else), binds and validates its config. No migration, no PF4J or extension
     * {@code start}, no route. A plugin that passes is {@link State#READY}. Call once, instead of start.
     *
     * @return every plugin's status, as {@link #statuses()}
     */
    public synchronized List<PluginStatus> check() {
        checking = true;
        load();
        return statuses();
    }

    /** After {@link #check()}: the bound config of each READY plugin as a tree, {@code @Setting(secret = true)} values masked. */
    public synchronized Map<String, JsonNode> maskedConfigs() {
        return Map.copyOf(maskedConfigs);
    }

    /** After {@link #check()} or {@link #start()}: every plugin config problem, each with its YAML path. */
    public synchronized List<ConfigProblem> configProblems() {
        return List.copyOf(configProblems);
    }

    private void load() {
        if (manager != null) {
            throw new IllegalStateException("the plugin host was already started");
        }
        Set<String> disabled = env.settings().entrySet().stream()
                .filter(e -> !e.getValue().enabled()).map(Map.Entry::getKey).collect(Collectors.toSet());
        manager = new HostPluginManager(env.pluginsDir(), disabled, releaseVersion(env.engineVersion()));
        try {
            manager.loadPlugins();
        } catch (RuntimeException e) {
            // only a dependency cycle gets here; it has no single culprit
            manager.getPlugins().forEach(w -> fail(w, "cannot resolve plugin dependencies: " + describe(e)));
        }
        manager.loadFailures().forEach(r -> fail(new PluginStatus(r.id(), r.version(), shownPath(r.path()), State.FAILED, r.reason())));
        manager.rejected().values().forEach(r -> fail(new PluginStatus(r.id(), r.version(), shownPath(r.path()), State.FAILED, r.reason())));
        reportUnreadableZips();
        // resolved plugins come in dependency order, so a dependency's outcome is known before its dependents start
        for (PluginWrapper plugin : new ArrayList<>(manager.getResolvedPlugins())) {
            if (!statuses.containsKey(plugin.getPluginId())) {
                try {
                    startPlugin(plugin);
                } catch (RuntimeException | LinkageError e) {
                    // the last line of defence: whatever a plugin does, the engine starts without it
                    LOG.error("plugin '{}' failed in an unexpected way", plugin.getPluginId(), e);
                    fail(plugin, "unexpected failure: " + PluginClasses.describe(e));
                }
            }
        }
        env.settings().keySet().stream().filter(id -> !statuses.containsKey(id)).forEach(id ->
                LOG.warn("plugins.{} is configured but no plugin '{}' was found in {}", id, id, env.pluginsDir()));
    }

    /** What became of every plugin found, sorted by id. */
    public synchronized List<PluginStatus> statuses() {
        return statuses.values().stream().sorted(Comparator.comparing(PluginStatus::id)).toList();
    }

    /**
     * The routes of every started plugin, in start order, for the web layer to mount once
     * {@link #start()} returned. A plugin that failed has none here.
     */
    public List<PluginRoute> routes() {
        return List.copyOf(mountedRoutes);
    }

    /** Started extensions of {@code type}, in plugin start order. */
    public <T extends Extension> List<T> extensions(Class<T> type) {
        return running.stream().map(Running::extension).filter(type::isInstance).map(type::cast).toList();
    }

    /** The started extension of {@code type} whose {@link Extension#id()} is {@code id}. */
    public <T extends Extension> Optional<T> extension(Class<T> type, String id) {
        return running.stream().filter(r -> r.extensionId().equals(id) && type.isInstance(r.extension()))
                .map(r -> type.cast(r.extension())).findFirst();
    }

    /** The id of the plugin that contributed {@code extension}: what {@link PluginDispatcher#call} needs. */
    public Optional<String> pluginIdOf(Extension extension) {
        return running.stream().filter(r -> r.extension() == extension).map(Running::pluginId).findFirst();
    }

    /**
     * Calls a started extension through the dispatcher (timeout, error codes), naming its plugin.
     * This is how engine features call plugins.
     *
     * @throws IllegalArgumentException when {@code extension} is not one this host started
     */
    public <T extends Extension, R> R call(T extension, String operation, ExtensionCall<T, R> call) {
        String pluginId = pluginIdOf(extension).orElseThrow(() -> new IllegalArgumentException("extension " + extension.id() + " is not running in this host"));
        return dispatcher.call(pluginId, operation, () -> call.apply(extension));
    }

    /** A call into one extension. */
    @FunctionalInterface
    public interface ExtensionCall<T, R> {
        R apply(T extension) throws Exception;
    }

    /** The dispatcher every call into a plugin must go through. */
    public PluginDispatcher dispatcher() {
        return dispatcher;
    }

    /** Stops every extension (reverse start order), then the PF4J plugins, then the call threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Running> reversed = new ArrayList<>(running);
        java.util.Collections.reverse(reversed);
        running.clear();
        for (Running r : reversed) {
            try {
                dispatcher.call(r.pluginId(), "stop " + r.extensionId(), () -> {
                    r.extension().stop();
                    return null;
                });
            } catch (PluginCallException e) {
                LOG.warn("plugin '{}' did not stop cleanly: {}", r.pluginId(), e.getMessage());
            }
        }
        eventsByPlugin.values().forEach(PluginEvents::cancelAll);
        if (manager != null) {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
        dispatcher.close();
        statuses.replaceAll((id, s) -> s.state() == State.STARTED ? s.withState(State.STOPPED) : s);
    }

    private void startPlugin(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        Optional<String> invalid = manager.invalidReason(id);
        if (invalid.isPresent()) {
            fail(plugin, invalid.get());
            return;
        }
        if (plugin.getPluginState() == PluginState.DISABLED) {
            record(status(plugin, State.DISABLED, "plugins." + id + ".enabled is false"));
            return;
        }
        if (!PLUGIN_ID.matcher(id).matches() || RESERVED_IDS.contains(id)) {
            fail(plugin, "plugin id '" + id + "' is not allowed: use lower-case letters, digits and dashes, starting with a letter");
            return;
        }
        for (PluginDependency dependency : plugin.getDescriptor().getDependencies()) {
            PluginStatus dep = statuses.get(dependency.getPluginId());
            boolean usable = dep != null && (dep.state() == State.STARTED || dep.state() == State.READY);
            if (!dependency.isOptional() && !usable) {
                fail(plugin, "needs plugin '" + dependency.getPluginId() + "', which is " + (dep == null ? "missing" : dep.state()));
                return;
            }
        }
        if (checking) {
            dispatcher.register(id, plugin.getPluginClassLoader());
            checkPlugin(plugin);
            return;
        }
        try {
            if (manager.startPlugin(id) != PluginState.STARTED) {
                fail(plugin, "its PF4J plugin class failed to start: " + describe(plugin.getFailedException()));
                return;
            }
        } catch (PluginClassException e) {
            fail(plugin, e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            fail(plugin, "its PF4J plugin class failed to start: " + PluginClasses.describe(e));
            return;
        }
        dispatcher.register(id, plugin.getPluginClassLoader());
        PluginEvents events = new PluginEvents(bus, dispatcher, id);
        PluginRoutes routes = new PluginRoutes(id);
        try {
            List<Running> started = startExtensions(plugin, events, routes);
            List<PluginRoute> sealed = routes.seal(dispatcher);
            mountedRoutes.addAll(sealed);
            running.addAll(started);
            eventsByPlugin.put(id, events);
            record(status(plugin, State.STARTED, ""));
        } catch (RuntimeException | LinkageError e) {
            routes.discard();
            events.cancelAll();
            stopQuietly(id);
            boolean explained = e instanceof PluginStartException || e instanceof PluginClassException || e instanceof PluginCallException;
            if (!explained) {
                LOG.error("plugin '{}' failed in an unexpected way", id, e);
            }
            fail(plugin, explained ? e.getMessage() : "unexpected failure: " + PluginClasses.describe(e));
        }
    }

    private void checkPlugin(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        try {
            plugin.getPlugin(); // makes the PF4J plugin class (the host's factory throws the reason) without starting it
            List<Running> created = createExtensions(plugin);
            Map<Class<?>, Object> configs = bindConfigs(id, created);
            checked.addAll(created);
            maskedConfigs.put(id, PluginConfigBinding.masked(configs.values()));
            record(status(plugin, State.READY, ""));
        } catch (PluginStartException | PluginClassException | PluginCallException e) {
            fail(plugin, e.getMessage());
        }
    }

    private List<Running> createExtensions(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        List<Running> created = new ArrayList<>();
        // PF4J skips an indexed class it cannot load with only a log line; a plugin missing half its extensions must not pass for started
        List<Class<? extends Extension>> indexed = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(manager.getExtensionClassNames(id))) {
            Class<?> type = PluginClasses.load(plugin.getPluginClassLoader(), name, "extension class '" + name + "' (listed in META-INF/extensions.idx)");
            if (Extension.class.isAssignableFrom(type)) {
                indexed.add(type.asSubclass(Extension.class));
            }
        }
        // PF4J finds the extensions of STARTED plugins only; check() starts none, so it uses the same index read here
        for (Class<? extends Extension> type : checking ? indexed : manager.getExtensionClasses(Extension.class, id)) {
            Extension extension = create(id, type);
            String extensionId = dispatcher.call(id, "id", extension::id);
            created.add(new Running(id, extensionId, extension));
        }
        checkUniqueIds(created);
        return created;
    }

    private List<Running> startExtensions(PluginWrapper plugin, PluginEvents events, PluginRoutes routes) {
        String id = plugin.getPluginId();
        List<Running> created = createExtensions(plugin);
        Map<Class<?>, Object> configs = bindConfigs(id, created);
        try {
            PluginMigrations.migrate(id, plugin.getPluginClassLoader(), env.jdbi(), env.dialect());
        } catch (RuntimeException e) {
            throw new PluginStartException("its migrations failed: " + describe(e), e);
        }
        Path dataDir = env.dataDir().resolve("plugins").resolve(id);
        try {
            com.mintreu.engine.db.PrivateFiles.directories(dataDir);
        } catch (IOException e) {
            throw new PluginStartException("cannot create its data folder " + dataDir + ": " + describe(e), e);
        }
        PluginContext ctx = new HostPluginContext(id, configs, env.jdbi(), env.dialect(), env.clock(), events,
                env.baseUrl(), new HostSecrets(env.masterSecret(), id), routes, dataDir, env.callTimeout());
        List<Running> started = new ArrayList<>();
        try {
            for (Running r : created) {
                dispatcher.call(id, "start " + r.extensionId(), () -> {
                    r.extension().start(ctx);
                    return null;
                });
                started.add(r);
            }
        } catch (PluginCallException e) {
            stopExtensions(started);
            throw e;
        }
        return created;
    }

    /** Runs the extension's constructor through the dispatcher (it is plugin code: it may hang or throw). */
    private Extension create(String pluginId, Class<? extends Extension> type) {
        try {
            return dispatcher.call(pluginId, "create " + type.getSimpleName(),
                    () -> PluginClasses.instantiate(type, "extension class '" + type.getName() + "'"));
        } catch (PluginCallException e) {
            if (e.getCause() instanceof PluginClassException reason) {
                throw reason;
            }
            throw e;
        }
    }

    private void checkUniqueIds(List<Running> created) {
        Set<String> seen = new HashSet<>();
        for (Running r : created) {
            if (!seen.add(r.extensionId())) {
                throw new PluginStartException("two of its extensions have the id '" + r.extensionId() + "'", null);
            }
            for (Running other : checking ? checked : running) {
                boolean sameKind = other.extensionId().equals(r.extensionId()) && commonExtensionPoint(other.extension(), r.extension());
                if (sameKind) {
                    throw new PluginStartException("extension id '" + r.extensionId() + "' is already provided by plugin '" + other.pluginId() + "'", null);
                }
            }
        }
    }

    private static boolean commonExtensionPoint(Extension a, Extension b) {
        return Stream.of(a.getClass().getInterfaces()).anyMatch(i -> i != Extension.class && i.isInstance(b));
    }

    private Map<Class<?>, Object> bindConfigs(String id, List<Running> created) {
        List<Class<? extends Record>> types = new ArrayList<>();
        for (Running r : created) {
            types.add(dispatcher.call(id, "configType", r.extension()::configType));
        }
        try {
            PluginSettings settings = env.settings().get(id);
            return PluginConfigBinding.bind(id, settings == null ? null : settings.config(), types);
        } catch (ConfigException e) {
            configProblems.addAll(e.problems());
            throw new PluginStartException("invalid configuration: "
                    + e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")), e);
        }
    }

    private void stopExtensions(List<Running> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            Running r = started.get(i);
            try {
                dispatcher.call(r.pluginId(), "stop " + r.extensionId(), () -> {
                    r.extension().stop();
                    return null;
                });
            } catch (PluginCallException e) {
                LOG.warn("plugin '{}' did not stop cleanly: {}", r.pluginId(), e.getMessage());
            }
        }
    }

    private void stopQuietly(String id) {
        try {
            manager.stopPlugin(id);
        } catch (RuntimeException e) {
            LOG.warn("plugin '{}' did not stop cleanly: {}", id, describe(e));
        }
    }

    /** A zip PF4J could not expand leaves no folder and no log line we can see: report it ourselves. */
    private void reportUnreadableZips() {
        if (!Files.isDirectory(env.pluginsDir())) {
            return;
        }
        try (Stream<Path> files = Files.list(env.pluginsDir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".zip")).forEach(zip -> {
                String name = zip.getFileName().toString();
                Path folder = zip.resolveSibling(name.substring(0, name.length() - 4));
                if (!Files.isDirectory(folder)) {
                    fail(new PluginStatus(folder.getFileName().toString(), "?", zip, State.FAILED, "not a readable zip file"));
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot list plugins folder {}: {}", env.pluginsDir(), describe(e));
        }
    }

    private void fail(PluginWrapper plugin, String reason) {
        fail(status(plugin, State.FAILED, reason));
    }

    private void fail(PluginStatus status) {
        record(status);
    }

    private void record(PluginStatus status) {
        statuses.put(status.id(), status);
        switch (status.state()) {
            case FAILED -> LOG.error("plugin '{}' {} FAILED ({}): {}", status.id(), status.version(), status.path(), status.reason());
            case DISABLED -> LOG.info("plugin '{}' {} disabled ({}): {}", status.id(), status.version(), status.path(), status.reason());
            case READY -> LOG.debug("plugin '{}' {} checked ({})", status.id(), status.version(), status.path());
            default -> LOG.info("plugin '{}' {} started ({})", status.id(), status.version(), status.path());
        }
    }

    private static PluginStatus status(PluginWrapper plugin, State state, String reason) {
        return new PluginStatus(plugin.getPluginId(), plugin.getDescriptor().getVersion(), shownPath(plugin.getPluginPath()), state, reason);
    }

    /** PF4J expands {@code x.zip} into {@code x/}; the operator dropped the zip, so name the zip. */
    private static Path shownPath(Path path) {
        Path zip = path.resolveSibling(path.getFileName() + ".zip");
        return Files.exists(zip) ? zip : path;
    }

    /**
     * A snapshot engine (0.1.0-SNAPSHOT) must satisfy {@code requires: >=0.1.0}; in SemVer a
     * pre-release sorts before its release, so compare plugins against the release number.
     */
    static String releaseVersion(String engineVersion) {
        int dash = engineVersion.indexOf('-');
        return dash < 0 ? engineVersion : engineVersion.substring(0, dash);
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Why a plugin could not start, in words for the operator. */
    private static final class PluginStartException extends RuntimeException {
        PluginStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
