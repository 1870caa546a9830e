package com.mintreu.engine.cli;

import com.mintreu.engine.Version;
import com.mintreu.engine.config.EnginePaths;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginStatus;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code plugins list}: what the engine would make of each plugin, checked without running any
 * plugin (see {@link PluginHost#check()}): no database, no migrations, no {@code start()}. Cheap
 * and free of side effects; the running engine's /admin/plugins shows the live state.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "Inspect plugins.",
        subcommands = PluginsCommand.ListPlugins.class)
final class PluginsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List plugins: id, version, state (READY, DISABLED or FAILED) and the reason when one FAILED. Exits 3 when any failed.",
                    "Checks what can be checked without running a plugin: loading, dependencies, requires, its classes and its config. "
                            + "Migrations and start() do not run, so READY is not STARTED: /admin/plugins on the running engine shows that."})
    static final class ListPlugins implements java.util.concurrent.Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            MintreuConfig loaded = config.load();
            EnginePaths paths = EnginePaths.of(ConfigOption.home(), loaded.engine());
            PluginHost host = PluginHost.forCheck(paths.pluginsDir(), loaded.plugins(), loaded.engine().pluginCallTimeout(), Version.current());
            try {
                List<PluginStatus> statuses = host.check();
                print(spec.commandLine().getOut(), statuses);
                return statuses.stream().anyMatch(s -> s.state() == PluginStatus.State.FAILED) ? 3 : 0;
            } finally {
                host.close();
            }
        }

        private static void print(PrintWriter out, List<PluginStatus> statuses) {
            if (statuses.isEmpty()) {
                out.println("no plugins found");
            }
            out.printf("%-24s %-16s %-9s %s%n", "ID", "VERSION", "STATE", "PATH / REASON");
            for (PluginStatus s : statuses) {
                out.printf("%-24s %-16s %-9s %s%n", s.id(), s.version() == null ? "-" : s.version(), s.state(),
                        s.state() == PluginStatus.State.FAILED ? s.path() + ": " + s.reason() : String.valueOf(s.path()));
            }
            out.flush();
        }
    }
}
