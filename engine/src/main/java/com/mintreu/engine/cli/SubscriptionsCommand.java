package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.EngineComponent;
import com.mintreu.engine.db.Migrations;
import com.mintreu.engine.subscription.Subscription;
import com.mintreu.engine.web.ApiException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mintreu subscriptions ...}: subscriptions from the server's shell. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true, description = "Work with subscriptions.",
        subcommands = {SubscriptionsCommand.Renew.class})
final class SubscriptionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Renews one subscription now rather than at its period's end, as the renewal job would: the
     * next period's order is placed and the saved payment method charged off-session (on the demo,
     * the sandbox's saved test card). Meant to watch a renewal happen in the demo; on a real shop it
     * charges the customer ahead of time. Starts the plugins (the gateway charges) but serves nothing:
     * the running server delivers what it announces (receipt, licenses) on its next outbox pass.
     */
    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = "Renew a subscription now: place its next period's order and charge the saved payment method.")
    static final class Renew implements Runnable {

        @Mixin
        ConfigOption config;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "the subscription's id (sub_...)")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            EngineComponent engine = Engine.wire(config.load(), ConfigOption.home(), Clock.systemUTC());
            boolean plugins = false;
            try {
                new Migrations(engine.database()).migrate();
                engine.secrets().master();
                engine.pluginHost().start();
                plugins = true;
                print(spec.commandLine().getOut(), engine.renewals().renewNow(id.strip()));
            } catch (ApiException e) {
                throw new CliException(e.error().status() == 404 ? "no subscription " + id.strip() : e.getMessage(), e.error().status() == 404 ? 2 : 1);
            } finally {
                try {
                    if (plugins) {
                        engine.pluginHost().close();
                    }
                } finally {
                    engine.database().close();
                }
            }
        }

        private static void print(PrintWriter out, Subscription s) {
            out.printf("subscription %s: %s, period %d paid until %s%n", s.id(), s.status().id(), s.currentSeq() + 1,
                    Instant.ofEpochMilli(s.currentPeriodEnd()));
            if (s.nextChargeAt() != null) {
                out.printf("next charge: %s on %s%n", com.mintreu.api.money.MoneyText.format(s.amount()), Instant.ofEpochMilli(s.nextChargeAt()));
            }
            out.flush();
        }
    }
}
