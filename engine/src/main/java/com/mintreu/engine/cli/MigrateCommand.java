package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.EngineComponent;
import com.mintreu.engine.db.Migrations;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Applies pending database migrations and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending database migrations.")
final class MigrateCommand implements Runnable {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        EngineComponent engine = Engine.wire(config.load(), ConfigOption.home(), Clock.systemUTC());
        try {
            int applied = new Migrations(engine.database()).migrate();
            spec.commandLine().getOut().println(applied == 0 ? "database is up to date" : "applied " + applied + " migration(s)");
        } finally {
            engine.database().close();
        }
    }
}
