package com.mintreu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mintreu.api.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One plugin, several extensions reading the same {@code plugins.<id>.config} through their own records. */
class PluginConfigBindingTest {

    // each extension marks only the secret it uses; both read the whole subtree
    record Gateway(@Setting(required = true, secret = true) String apiKey, String signingSecret, Duration timeout) {
        static Gateway defaults() {
            return new Gateway(null, null, Duration.ofSeconds(10));
        }
    }

    record Webhooks(String apiKey, @Setting(secret = true) String signingSecret, Duration timeout) {}

    record Unsupported(Set<String> tags) {}

    @Test
    void eachDistinctTypeIsBoundOnceFromTheSameSubtree() {
        Map<Class<?>, Object> bound = PluginConfigBinding.bind("acme", ConfigYaml.read("{apiKey: k1, timeout: 1m}"),
                List.of(Gateway.class, Gateway.class));
        assertThat(bound).containsOnlyKeys(Gateway.class).containsValue(new Gateway("k1", null, Duration.ofMinutes(1)));
    }

    @Test
    void problemsOfEveryTypeComeTogetherUnderThePluginsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> PluginConfigBinding.bind("acme",
                ConfigYaml.read("{timeout: soon, tags: [a]}"), List.of(Gateway.class, Unsupported.class)));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "plugins.acme.config.tags: unknown key; known keys: apiKey, signingSecret, timeout",
                "plugins.acme.config.apiKey: is required",
                "plugins.acme.config.timeout: expected a duration such as 30s, 5m, 2h or 1d, got 'soon'",
                "plugins.acme.config: cannot bind Unsupported: IllegalStateException: unsupported config type java.util.Set at plugins.acme.config.tags");
    }

    @Test
    void aValueIsMaskedWhenAnyRecordSaysItIsSecret() {
        Map<Class<?>, Object> bound = PluginConfigBinding.bind("acme",
                ConfigYaml.read("{apiKey: key-hunter2, signingSecret: sig-hunter3, timeout: 90s}"), List.of(Gateway.class, Webhooks.class));

        String shown = ConfigYaml.write(PluginConfigBinding.masked(bound.values()));

        assertThat(shown).doesNotContain("hunter").contains("apiKey: '******'").contains("signingSecret: '******'").contains("timeout: 90s");
        assertThat(PluginConfigBinding.path("acme")).isEqualTo("plugins.acme.config");
    }
}
