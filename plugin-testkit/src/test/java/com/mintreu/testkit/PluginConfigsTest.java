package com.mintreu.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigProblem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway-like config record bound through the kit: the engine's rules, paths and masking. */
class PluginConfigsTest {

    public record Retry(@Setting(help = "attempts before giving up") int attempts, Duration backoff) {
        static Retry defaults() {
            return new Retry(3, Duration.ofSeconds(2));
        }
    }

    public enum Mode { TEST, LIVE }

    public record AcmeConfig(
            @Setting(required = true, secret = true, help = "the secret API key from the Acme dashboard") String apiKey,
            @Setting(secret = true) String webhookSecret,
            @Setting(required = true) URI apiUrl,
            Mode mode,
            Duration timeout,
            Retry retry) implements Validated {

        static AcmeConfig defaults() {
            return new AcmeConfig(null, null, null, Mode.TEST, Duration.ofSeconds(10), Retry.defaults());
        }

        @Override
        public List<Problem> problems() {
            List<Problem> out = new ArrayList<>();
            if (mode == Mode.LIVE && (webhookSecret == null || webhookSecret.isBlank())) {
                out.add(new Problem("webhookSecret", "is required in live mode"));
            }
            return out;
        }
    }

    @Test
    void aGoodConfigIsBoundWithDefaultsForWhatIsLeftOut() {
        AcmeConfig config = PluginConfigs.bind(AcmeConfig.class, """
                apiKey: sk_test_123
                apiUrl: https://api.acme.test
                timeout: 5m
                retry: {backoff: 500ms}
                """);

        assertThat(config.apiKey()).isEqualTo("sk_test_123");
        assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.acme.test"));
        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.mode()).isEqualTo(Mode.TEST);
        assertThat(config.retry()).isEqualTo(new Retry(3, Duration.ofMillis(500)));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsFieldPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> PluginConfigs.bind(AcmeConfig.class, """
                apiUrl: not a url
                mode: sandbox
                timeout: forever
                retry: {attempts: many, backof: 1s}
                webhookSecrte: whsec_1
                """));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "webhookSecrte: unknown key, did you mean 'webhookSecret'?",
                "apiKey: is required (the secret API key from the Acme dashboard)",
                "apiUrl: expected an absolute URL such as http://localhost:8080, got 'not a url'",
                "mode: expected one of [test, live], got 'sandbox'",
                "timeout: expected a duration such as 30s, 5m, 2h or 1d, got 'forever'",
                "retry.backof: unknown key, did you mean 'backoff'?",
                "retry.attempts: expected a whole number, got 'many'");
        assertThat(e.getMessage()).startsWith("invalid configuration:\n  ");
    }

    @Test
    void withThePluginIdTheProblemsNameTheYamlPathAsTheEngineDoes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PluginConfigs.bind("payment-acme", AcmeConfig.class, "apiUrl: https://api.acme.test\napiKye: sk_1"));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "plugins.payment-acme.config.apiKye: unknown key, did you mean 'apiKey'?",
                "plugins.payment-acme.config.apiKey: is required (the secret API key from the Acme dashboard)");
    }

    @Test
    void theRecordsOwnRulesRunAfterBinding() {
        assertThatThrownBy(() -> PluginConfigs.bind("payment-acme", AcmeConfig.class,
                "{apiKey: sk_live_1, apiUrl: 'https://api.acme.test', mode: LIVE}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        new ConfigProblem("plugins.payment-acme.config.webhookSecret", "is required in live mode")));
    }

    @Test
    void nothingConfiguredMeansEveryRequiredFieldIsMissing() {
        ConfigException e = assertThrows(ConfigException.class, () -> PluginConfigs.bind(AcmeConfig.class, ""));
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("apiKey", "apiUrl");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> PluginConfigs.bind(AcmeConfig.class, "apiKey: [1,\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("(yaml): not valid YAML at line");
    }

    @Test
    void theDescriptionMasksSecretsLikeConfigCheck() {
        AcmeConfig config = PluginConfigs.bind(AcmeConfig.class,
                "{apiKey: sk_live_hunter2, webhookSecret: whsec_hunter3, apiUrl: 'https://api.acme.test', mode: live}");

        String shown = PluginConfigs.describe(config);

        assertThat(shown).doesNotContain("hunter2").doesNotContain("hunter3")
                .contains("apiKey: '******'").contains("webhookSecret: '******'")
                .contains("apiUrl: https://api.acme.test").contains("mode: live").contains("timeout: 10s").contains("backoff: 2s");
    }

    @Test
    void aContextBindsItsConfigBeforeThePluginSeesIt(@TempDir Path dir) {
        TestPluginContext ctx = TestPluginContext.configured("payment-acme", dir, AcmeConfig.class,
                "{apiKey: sk_1, apiUrl: 'https://api.acme.test', timeout: 30s}", Clock.systemUTC(), "master");

        assertThat(ctx.config(AcmeConfig.class).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> ctx.config(Retry.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no config of type");

        assertThatThrownBy(() -> TestPluginContext.configured("payment-acme", dir, AcmeConfig.class, "apiUrl: https://x.test",
                Clock.systemUTC(), "master"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plugins.payment-acme.config.apiKey: is required");
    }
}
