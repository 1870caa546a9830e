package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.EngineComponent;
import com.mintreu.engine.account.AdminAccounts;
import com.mintreu.engine.db.Migrations;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mintreu admin ...}: account administration from the server's shell. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer accounts.",
        subcommands = {AdminCommand.Create.class})
final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Creates an admin (or promotes an existing account). The password never comes from an argument,
     * where it would land in shell history and the process list: it is prompted for twice without
     * echo on a terminal, or read as the first line of stdin when piped.
     */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an admin account, or make an existing account an admin.")
    static final class Create implements Runnable {

        @Mixin
        ConfigOption config;

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the admin's email address")
        String email;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "Administrator", description = "display name (default: ${DEFAULT-VALUE})")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            String password = readPassword();
            EngineComponent engine = Engine.wire(config.load(), ConfigOption.home(), Clock.systemUTC());
            try {
                new Migrations(engine.database()).migrate();
                AdminAccounts.Outcome outcome = engine.adminAccounts().createOrPromote(email, name, password);
                spec.commandLine().getOut().println(outcome == AdminAccounts.Outcome.CREATED
                        ? "created admin " + email.strip().toLowerCase(java.util.Locale.ROOT)
                        : "made " + email.strip().toLowerCase(java.util.Locale.ROOT) + " an admin and set its password");
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            } finally {
                engine.database().close();
            }
        }

        private String readPassword() {
            Console console = System.console();
            if (console != null && isTerminal(console)) {
                char[] first = console.readPassword("Password for %s: ", email);
                char[] second = console.readPassword("Repeat the password: ");
                try {
                    if (first == null || second == null || !Arrays.equals(first, second)) {
                        throw new CliException("the passwords do not match", 2);
                    }
                    return new String(first);
                } finally {
                    if (first != null) {
                        Arrays.fill(first, '\0');
                    }
                    if (second != null) {
                        Arrays.fill(second, '\0');
                    }
                }
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException("no password on stdin; pipe it as the first line, or run in a terminal to be prompted", 2);
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Since JDK 22 {@code System.console()} is non-null even when stdin is a pipe; only
         * {@code Console.isTerminal()} (JDK 22+, so called reflectively from Java 21 code) tells.
         */
        private static boolean isTerminal(Console console) {
            try {
                return (boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException olderJdk) {
                return true;
            }
        }
    }
}
