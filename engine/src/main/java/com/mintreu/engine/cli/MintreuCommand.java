package com.mintreu.engine.cli;

import com.mintreu.config.ConfigException;
import com.mintreu.engine.db.Migrations;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mintreu} command and its subcommands. Exit codes: 0 ok, 1 failed, 2 bad usage or config. */
@Command(name = "mintreu", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Mintreu Marketplace: a self-hostable marketplace engine for digital products.",
        subcommands = {ServeCommand.class, DemoCommand.class, MigrateCommand.class, AdminCommand.class, SubscriptionsCommand.class, PluginsCommand.class, ConfigCommand.class, VersionCommand.class,
                CommandLine.HelpCommand.class})
public final class MintreuCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The configured picocli instance: expected failures print one line to stderr, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MintreuCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigException config) {
                err.println("mintreu: invalid configuration:");
                config.problems().forEach(p -> err.println("  " + p));
                return 2;
            }
            if (e instanceof Migrations.SchemaTooNewException || e instanceof CliException) {
                err.println("mintreu: " + e.getMessage());
                return e instanceof CliException c ? c.exitCode() : 1;
            }
            err.println("mintreu: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        });
        return cli;
    }
}
