package com.mintreu.engine.plugin.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's manager with the engine's rules: enabled/disabled comes from the YAML (not PF4J's
 * {@code enabled.txt}), and every plugin PF4J refuses is remembered with its reason instead of
 * only being logged, so the host can report it as FAILED.
 */
public final class HostPluginManager extends DefaultPluginManager {

    /** A plugin PF4J would not load or resolve. {@code id} is the file name when no descriptor was read. */
    public record Rejection(String id, String version, Path path, String reason) {}

    // PF4J calls createPluginStatusProvider() from its constructor, before these fields are set:
    // the provider reads `disabled` at call time, which is after construction
    private Set<String> disabled = Set.of();
    private final Map<Path, Rejection> loadFailures = new LinkedHashMap<>();
    private final Map<String, Rejection> rejected = new LinkedHashMap<>();
    private final Map<String, String> invalid = new LinkedHashMap<>();

    public HostPluginManager(Path pluginsDir, Set<String> disabledIds, String systemVersion) {
        super(pluginsDir);
        this.disabled = Set.copyOf(disabledIds);
        setSystemVersion(systemVersion);
    }

    /** Plugins that could not even be loaded (descriptor, class loader), by path. */
    public List<Rejection> loadFailures() {
        return List.copyOf(loadFailures.values());
    }

    /** Plugins unloaded because a dependency is missing or has the wrong version, by id. */
    public Map<String, Rejection> rejected() {
        return Map.copyOf(rejected);
    }

    /** Why a loaded plugin's {@code requires} does not match this engine; empty when it does. */
    public java.util.Optional<String> invalidReason(String pluginId) {
        return java.util.Optional.ofNullable(invalid.get(pluginId));
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return disabled.contains(pluginId);
            }

            @Override
            public void disablePlugin(String pluginId) {
                // the YAML is the only switch; nothing to persist
            }

            @Override
            public void enablePlugin(String pluginId) {
                // the YAML is the only switch; nothing to persist
            }
        };
    }

    /**
     * PF4J's default factory logs and returns null when the plugin class is missing, abstract or its
     * constructor throws, and PF4J's {@code startPlugin} then dereferences that null. This one throws
     * a {@link PluginClasses.PluginClassException} with the reason instead, which the host reports.
     */
    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> {
            String name = wrapper.getDescriptor().getPluginClass();
            String role = "plugin class '" + name + "' (plugin.class in plugin.properties)";
            Class<?> type = PluginClasses.load(wrapper.getPluginClassLoader(), name, role);
            if (!Plugin.class.isAssignableFrom(type)) {
                throw new PluginClasses.PluginClassException(role + " does not extend org.pf4j.Plugin", null);
            }
            // a public no-argument constructor, like extensions (PF4J's deprecated PluginWrapper constructor is not supported)
            return (Plugin) PluginClasses.instantiate(type, role);
        };
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            String name = pluginPath.getFileName().toString();
            loadFailures.put(pluginPath, new Rejection(name, "?", pluginPath, describe(e)));
            throw e;
        }
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        boolean valid = super.isPluginValid(plugin);
        if (!valid) {
            invalid.put(plugin.getPluginId(), "requires engine " + plugin.getDescriptor().getRequires().trim()
                    + " but this engine is " + getSystemVersion());
        }
        return valid;
    }

    /**
     * Unlike PF4J's recovery, which unloads the dependency of a version mismatch, this rejects the
     * plugin whose requirement is not met, keeps the reason, and repeats until the rest resolves
     * (a rejected plugin can leave its own dependents without a dependency).
     */
    @Override
    protected DependencyResolver.Result resolveDependencies() {
        while (true) {
            List<PluginDescriptor> descriptors = plugins.values().stream().map(PluginWrapper::getDescriptor).toList();
            DependencyResolver.Result result = dependencyResolver.resolve(descriptors);
            if (result.isOK() || result.hasCyclicDependency()) {
                // a cycle has no culprit to single out; PF4J's exception reaches the host, which fails them all
                return result.isOK() ? result : super.resolveDependencies();
            }
            Map<String, String> reasons = new LinkedHashMap<>();
            for (String missing : result.getNotFoundDependencies()) {
                for (PluginDescriptor d : descriptors) {
                    boolean needs = d.getDependencies().stream()
                            .anyMatch(dep -> dep.getPluginId().equals(missing) && !dep.isOptional());
                    if (needs) {
                        reasons.putIfAbsent(d.getPluginId(), "needs plugin '" + missing + "', which is not installed or failed to load");
                    }
                }
            }
            for (DependencyResolver.WrongDependencyVersion wrong : result.getWrongVersionDependencies()) {
                reasons.putIfAbsent(wrong.getDependentId(), "needs plugin '" + wrong.getDependencyId() + "' "
                        + wrong.getRequiredVersion() + " but " + wrong.getExistingVersion() + " is installed");
            }
            if (reasons.isEmpty()) {
                return super.resolveDependencies();
            }
            reasons.forEach((id, reason) -> {
                PluginWrapper w = plugins.get(id);
                rejected.put(id, new Rejection(id, w.getDescriptor().getVersion(), w.getPluginPath(), reason));
                unloadPlugin(id, false, false);
            });
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
