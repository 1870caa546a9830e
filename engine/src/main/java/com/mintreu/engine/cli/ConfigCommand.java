package com.mintreu.engine.cli;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.MintreuConfig;
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
            description = "Validate the configuration and print the effective values (secrets masked).")
    static final class Check implements Runnable {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            MintreuConfig loaded = config.load();
            spec.commandLine().getOut().println("# " + config.file() + ": OK");
            spec.commandLine().getOut().print(ConfigLoader.describe(loaded));
            if (loaded.security().secret().isBlank()) {
                spec.commandLine().getOut().println("# WARN " + com.mintreu.engine.security.Secrets.IN_DATABASE_WARNING);
            }
            spec.commandLine().getOut().flush();
        }
    }
}
