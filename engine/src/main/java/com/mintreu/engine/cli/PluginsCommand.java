package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.EngineComponent;
import com.mintreu.engine.db.Migrations;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code plugins list}: loads and starts the plugins as {@code serve} would, and reports each one's state. */
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
            description = "List plugins: id, version, state, and the reason when one FAILED. Exits 3 when any failed.")
    static final class ListPlugins implements java.util.concurrent.Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            EngineComponent engine = Engine.wire(config.load(), ConfigOption.home(), Clock.systemUTC());
            try {
                new Migrations(engine.database()).migrate();
                PluginHost host = engine.pluginHost();
                host.start();
                List<PluginStatus> statuses = host.statuses();
                print(spec.commandLine().getOut(), statuses);
                host.close();
                return statuses.stream().anyMatch(s -> s.state() == PluginStatus.State.FAILED) ? 3 : 0;
            } finally {
                engine.database().close();
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
