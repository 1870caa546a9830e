package com.mintreu.engine.cli;

import com.mintreu.engine.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the engine version, Java version and OS. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the engine version.")
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mintreu " + Version.current(),
                    "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    "os " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
