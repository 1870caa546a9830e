package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.WebhooksConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code webhooks} section: safe defaults, the shipped file says the same, bad values are named with their path. */
class WebhooksConfigTest {

    @Test
    void defaultsRefusePrivateTargetsAndTheShippedFileAgrees() throws Exception {
        WebhooksConfig defaults = ConfigLoader.parse("", Map.of()).webhooks();
        assertThat(defaults).isEqualTo(new WebhooksConfig(false, Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofDays(30)));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).webhooks()).isEqualTo(defaults);
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("webhooks: {rotationOverlap: 8d, timeout: 0s, logRetention: 2d}", Map.of()))
                .hasMessageContaining("webhooks.rotationOverlap: expected 0 to 7 days")
                .hasMessageContaining("webhooks.timeout: expected 1 to 60 seconds")
                .hasMessageContaining("webhooks.logRetention: expected 4 to 366 days");
    }
}
