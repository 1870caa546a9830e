package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
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
        Engine engine = Engine.start(config.load(), ConfigOption.home(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "mintreu-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
