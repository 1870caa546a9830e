package com.mintreu.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mintreu} command and its subcommands. */
@Command(name = "mintreu", mixinStandardHelpOptions = true, description = "Mintreu Marketplace engine.")
public final class MintreuCommand {

    public static int run(String[] args) {
        return new CommandLine(new MintreuCommand()).execute(args);
    }
}
