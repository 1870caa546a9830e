package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.config.MintreuConfig;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the engine until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the engine: migrate the database, load plugins, serve HTTP.")
final class ServeCommand implements Runnable {

    @Mixin
    ConfigOption config;

    @Override
    public void run() {
        MintreuConfig cfg = config.load();
        Foreground.run(() -> Engine.start(cfg, ConfigOption.home(), Clock.systemUTC()), engine -> {});
    }
}
