package com.mintreu.engine.cli;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.MintreuConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: shared by every command that needs the configuration. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "configuration file (default: $MINTREU_HOME/conf/mintreu.yaml)")
    Path file;

    /** The install root: {@code -Dmintreu.home} from bin/mintreu, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("mintreu.home", ".")).toAbsolutePath().normalize();
    }

    Path file() {
        return file != null ? file : home().resolve("conf/mintreu.yaml");
    }

    MintreuConfig load() {
        return ConfigLoader.load(file(), System.getenv());
    }
}
