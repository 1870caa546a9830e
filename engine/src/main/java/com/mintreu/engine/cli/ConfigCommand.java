package com.mintreu.engine.cli;

import com.mintreu.engine.Version;
import com.mintreu.config.ConfigException;
import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginStatus;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code config check}: validates the configuration and prints the effective values, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate the configuration, plugins' own settings included, and print the effective values (secrets masked).",
                    "Each plugin's plugins.<id>.config is bound to its config record as the engine does before start; "
                            + "its constructors run, its migrations and start() do not. Exits 2 on any configuration error."})
    static final class Check implements Runnable {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            MintreuConfig loaded = config.load();
            EnginePaths paths = EnginePaths.of(ConfigOption.home(), loaded.engine());
            PluginHost plugins = PluginHost.forCheck(paths.pluginsDir(), loaded.plugins(), loaded.engine().pluginCallTimeout(), Version.current());
            try {
                plugins.check();
                if (!plugins.configProblems().isEmpty()) {
                    throw new ConfigException(plugins.configProblems());
                }
                PrintWriter err = spec.commandLine().getErr();
                for (PluginStatus s : plugins.statuses()) {
                    if (s.state() == PluginStatus.State.FAILED) {
                        err.println("mintreu: warning: plugin '" + s.id() + "' (" + s.path() + ") FAILED, its config is not checked: " + s.reason());
                    }
                }
                loaded.plugins().keySet().stream().filter(id -> plugins.statuses().stream().noneMatch(s -> s.id().equals(id)))
                        .forEach(id -> err.println("mintreu: warning: plugins." + id + " is configured but no plugin '" + id + "' is in " + paths.pluginsDir()));
                err.flush();
                PrintWriter out = spec.commandLine().getOut();
                out.println("# " + config.file() + ": OK");
                out.print(ConfigLoader.describe(loaded, plugins.maskedConfigs()));
                if (loaded.security().secret().isBlank()) {
                    out.println("# WARN " + com.mintreu.engine.security.Secrets.IN_DATABASE_WARNING);
                }
                out.flush();
            } finally {
                plugins.close();
            }
        }
    }
}
