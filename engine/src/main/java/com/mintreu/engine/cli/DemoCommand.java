package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.demo.DemoShop;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Seeds a demo shop (once) and serves it; prints where to go and how to sign in. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a demo shop: seeds an admin, a seller, a customer and three products (once), then serves it. "
                + "Demo passwords are public: never run demo on a real shop's database.")
final class DemoCommand implements Runnable {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        MintreuConfig loaded = config.load();
        // demo visitors have no mailbox: without SMTP, the mails they would get are kept for the admin's /admin/mails
        Engine engine = Engine.start(loaded.withMail(loaded.mail().keepingUnsent()), ConfigOption.home(), Clock.systemUTC());
        try {
            engine.component().demoShop().seed();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        print(spec.commandLine().getOut(), engine.baseUrl());
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

    private static void print(PrintWriter out, URI base) {
        out.println();
        out.println("  Mintreu demo shop is running at " + base);
        out.println();
        out.println("  Sign in at " + base.resolve("/login") + " as:");
        for (DemoShop.Login login : DemoShop.LOGINS) {
            out.printf("    %-9s %-28s password: %s%n", login.role(), login.email(), login.password());
        }
        out.println();
        out.println("  Shop:   " + base + "   Admin: " + base.resolve("/admin") + "   Seller: " + base.resolve("/seller/products"));
        out.println("  No SMTP server: the mails the shop would send (verification links, receipts) are at " + base.resolve("/admin/mails"));
        out.println("  Payments go through the sandbox gateway: no real money moves. Stop with Ctrl+C.");
        out.println();
        out.flush();
    }
}
