package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.cli.MintreuCommand;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code mintreu subscriptions renew --id ...} from a shell beside a running shop (the demo's "watch a
 * renewal"): it charges the saved card at once, and the running engine delivers the rest.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class RenewCommandTest {

    record Run(int exit, String out, String err) {}

    @EngineTest
    void renewsTheChosenSubscriptionNowThroughTheSavedCard(TestEngine e) throws Exception {
        String plan = recurringPlan(e, monthly(2900, 0));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan);
        payOnSandbox(customer, placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        JsonNode before = subscription(customer);
        String id = before.get("id").asText();
        Path config = shellConfig(e);

        Run renewed = run("subscriptions", "renew", "--id", id, "--config", config.toString());
        assertThat(renewed.exit()).as(renewed.err()).isZero();
        assertThat(renewed.out()).contains("subscription " + id + ": active, period 2 paid until").contains("next charge: 29.00");
        drain(e);
        JsonNode after = subscription(customer);
        assertThat(after.get("status").asText()).isEqualTo("active");
        assertThat(after.get("currentPeriodStartAt").asText()).as("the next period, on schedule").isEqualTo(before.get("currentPeriodEndAt").asText());
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status IN ('paid', 'fulfilled')", id)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", id)).isEqualTo(2);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_charges WHERE subscription_id = ? AND status = 'succeeded'", id)).isEqualTo(1);
        assertThat(customer.get("/account/subscriptions").html().select("#subscription-" + id + " tr.period")).hasSize(2);

        Run unknown = run("subscriptions", "renew", "--id", "sub_nope", "--config", config.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no subscription sub_nope");
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/cancel-at-period-end", java.util.Map.of()).status()).isEqualTo(200);
        Run ending = run("subscriptions", "renew", "--id", id, "--config", config.toString());
        assertThat(ending.exit()).isEqualTo(1);
        assertThat(ending.err()).contains("not renewed");
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ?", id)).as("nothing more placed").isEqualTo(1);
    }

    /** The shop's config as an operator's shell sees it: the same database, its own folder with the same plugins. */
    private static Path shellConfig(TestEngine e) throws Exception {
        Path dir = Files.createTempDirectory("mintreu-shell-");
        BundledTestPlugins.writeTo(dir.resolve("plugins"));
        Path file = dir.resolve("mintreu.yaml");
        Files.writeString(file, TestEngine.yaml(e.engine().component().config().database().url(), dir, SubscriptionFixture.CONFIG));
        return file;
    }

    private static Run run(String... args) {
        CommandLine cli = MintreuCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
