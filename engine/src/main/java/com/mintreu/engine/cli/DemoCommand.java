package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.demo.DemoClock;
import com.mintreu.engine.demo.DemoShop;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Seeds a demo shop (once) and serves it; prints where to go and how to sign in. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a demo shop: seeds an admin, a seller, a customer, an affiliate and five products, one sold by subscription and one an API, "
                + "and a month of referred sales with one paid payout (once), then serves it. "
                + "Demo passwords are public: never run demo on a real shop's database.")
final class DemoCommand implements Runnable {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST",
            description = "interface to listen on (default: server.host, else 127.0.0.1; 0.0.0.0 for all)")
    String host;

    @Override
    public void run() {
        MintreuConfig loaded = config.load();
        // the demo's passwords are public: loopback only unless a host is configured or given
        ServerConfig server = host != null ? loaded.server().withHost(host) : loaded.server().withDefaultHost("127.0.0.1");
        // demo visitors have no mailbox: without SMTP, the mails they would get are kept for the admin's /admin/mails
        MintreuConfig cfg = loaded.withMail(loaded.mail().keepingUnsent()).withServer(server)
                // the demo's Quotes API upstream is served by the product-api plugin on loopback
                .withApiKeys(loaded.apiKeys().allowingPrivateUpstreams());
        // the first start books the shop's past (sales, a payout) on a clock moved back, then put back
        DemoClock clock = new DemoClock(Clock.systemUTC());
        Foreground.run(() -> Engine.start(cfg, ConfigOption.home(), clock, c -> c.demoHistory().seed(clock::advance)),
                engine -> print(spec.commandLine().getOut(), engine.baseUrl()));
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
        out.println("  Affiliate: sign in as the affiliate for its referral links and earnings at " + base.resolve("/account/affiliate"));
        out.println("  Shop:   " + base + "   Admin: " + base.resolve("/admin") + "   Seller: " + base.resolve("/seller/products"));
        out.println("  No SMTP server: the mails the shop would send (verification links, receipts) are at " + base.resolve("/admin/mails"));
        out.println("  API product: buy \"" + DemoShop.API_TITLE + "\", make a key at " + base.resolve("/account/api-keys") + ", then");
        out.println("    curl -H \"Authorization: Bearer mk_live_...\" " + base.resolve("/gw/quotes-api/quote"));
        out.println("  Payments go through the sandbox gateway: no real money moves. Stop with Ctrl+C.");
        out.println();
        out.flush();
    }
}
