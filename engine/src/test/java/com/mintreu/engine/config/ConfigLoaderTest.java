package com.mintreu.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigProblem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void emptyConfigRunsOnSqliteWithDefaults() {
        MintreuConfig config = ConfigLoader.parse("", Map.of());
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:./data/mintreu.db");
        assertThat(config.database().isSqlite()).isTrue();
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.security().sessionIdleTimeout()).isEqualTo(Duration.ofDays(14));
        assertThat(config.plugins()).isEmpty();
    }

    @Test
    void environmentVariablesAreSubstitutedWithDefaults() {
        String yaml = """
                server:
                  port: ${MINTREU_PORT:-9090}
                database:
                  url: ${DB_URL}
                """;
        MintreuConfig config = ConfigLoader.parse(yaml, Map.of("DB_URL", "jdbc:postgresql://db:5432/shop"));
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db:5432/shop");

        assertThat(ConfigLoader.parse(yaml, Map.of("DB_URL", "jdbc:sqlite:x.db", "MINTREU_PORT", "7000")).server().port()).isEqualTo(7000);
    }

    @Test
    void unsetVariableWithoutDefaultIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("database: {password: '${PGPASS}'}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.password").hasMessageContaining("PGPASS");
    }

    @Test
    void everyProblemIsReportedAtOnceWithPathValueAndExpectation() {
        String yaml = """
                server:
                  port: eighty
                  prot: 80
                  publicUrl: ftp://example.com
                database:
                  url: jdbc:mysql://localhost/db
                  maxPoolSize: 0
                security:
                  sessionIdleTimeout: forever
                enigne: {}
                """;
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::path)
                .contains("server.port", "server.prot", "database.url", "database.maxPoolSize", "security.sessionIdleTimeout", "enigne");
        assertThat(e.getMessage())
                .contains("server.port: expected a whole number, got 'eighty'")
                .contains("server.prot: unknown key, did you mean 'port'?")
                .contains("enigne: unknown key, did you mean 'engine'?")
                .contains("a duration such as 30s");
    }

    @Test
    void validationRulesAfterBindingArePathed() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("server: {port: 70000, publicUrl: 'ftp://x'}", Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::toString)
                .contains("server.port: expected a port between 0 and 65535, got 70000")
                .anyMatch(s -> s.startsWith("server.publicUrl: expected an http or https URL"));
    }

    @Test
    void apiKeySettingsHaveDefaultsAndPathedRules() {
        ApiKeysConfig defaults = ConfigLoader.parse("", Map.of()).apiKeys();
        assertThat(defaults.rollOverlap()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.maxKeysPerPurchase()).isEqualTo(5);
        assertThat(defaults.meter()).isEqualTo("in-process");
        assertThat(defaults.usageDedupWindow()).isEqualTo(Duration.ofDays(35));
        assertThat(defaults.gatewayConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.gatewayReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.gatewayAllowPrivateUpstreams()).as("a seller's upstream may not be on the shop's network by default").isFalse();
        assertThat(defaults.allowingPrivateUpstreams().gatewayAllowPrivateUpstreams()).isTrue();
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("apiKeys: {rollOverlap: 31d, maxKeysPerPurchase: 0, meter: 'Redis!', usageDedupWindow: 10m, "
                        + "gatewayConnectTimeout: 10ms, gatewayReadTimeout: 1h, gatewayMaxBodyBytes: -1}", Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::toString)
                .anyMatch(s -> s.startsWith("apiKeys.rollOverlap: expected 0 to 30 days"))
                .contains("apiKeys.maxKeysPerPurchase: expected 1 to 50, got 0")
                .anyMatch(s -> s.startsWith("apiKeys.meter: expected a meter id"))
                .anyMatch(s -> s.startsWith("apiKeys.usageDedupWindow: expected 1 hour to 400 days"))
                .anyMatch(s -> s.startsWith("apiKeys.gatewayConnectTimeout: expected 100ms to 1 minute"))
                .anyMatch(s -> s.startsWith("apiKeys.gatewayReadTimeout: expected 100ms to 10 minutes"))
                .contains("apiKeys.gatewayMaxBodyBytes: expected 0 or more bytes, got -1");
    }

    @Test
    void theRetryScheduleDefaultsToDays1357AndMustIncrease() {
        SubscriptionsConfig defaults = ConfigLoader.parse("", Map.of()).subscriptions();
        assertThat(defaults.retrySchedule()).containsExactly(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7));
        assertThat(defaults.pastDueGrace()).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.parse("subscriptions: {retrySchedule: [12h, 2d]}", Map.of()).subscriptions().pastDueGrace())
                .isEqualTo(Duration.ofDays(2));
        for (String bad : new String[] {"[3d, 1d]", "[]", "[1d, 100d]", "[30s]"}) {
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                    () -> ConfigLoader.parse("subscriptions: {retrySchedule: " + bad + "}", Map.of()), bad);
            assertThat(e.problems()).extracting(ConfigProblem::path).as(bad).contains("subscriptions.retrySchedule");
        }
    }

    @Test
    void invalidYamlSaysWhere() {
        assertThatThrownBy(() -> ConfigLoader.parse("server:\n  port: [1,\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML at line");
    }

    @Test
    void secretsAreMaskedInTheDescription() {
        MintreuConfig config = ConfigLoader.parse("""
                database: {url: 'jdbc:postgresql://db/shop', username: shop, password: hunter2-very-secret}
                security: {secret: 'a-master-secret-of-at-least-32-chars!!'}
                plugins:
                  storage-local: {enabled: false, config: {token: plugin-token-value}}
                """, Map.of());
        // no bound record for the plugin: nothing says which of its values are secrets, so all are masked
        String shown = ConfigLoader.describe(config, Map.of());
        assertThat(shown).doesNotContain("hunter2").doesNotContain("a-master-secret").doesNotContain("plugin-token-value").contains("******")
                .contains("username: shop").contains("storage-local");
        assertThat(config.plugins().get("storage-local").enabled()).isFalse();
    }

    @Test
    void pluginEntriesAreCheckedToo() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("plugins:\n  storage-local: {enabeld: false}", Map.of()));
        assertThat(e.getMessage()).contains("plugins.storage-local.enabeld: unknown key, did you mean 'enabled'?");
    }
}
