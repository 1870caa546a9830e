package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.PayoutsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code payouts} section: weekly at 10.00 by default, the shipped file agrees, bad values are named. */
class PayoutsConfigTest {

    @Test
    void defaultsPayWeeklyAboveTenAndTheShippedFileAgrees() throws Exception {
        PayoutsConfig defaults = ConfigLoader.parse("", Map.of()).payouts();
        assertThat(defaults).isEqualTo(new PayoutsConfig(1000, Duration.ofDays(7), "payout-manual"));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).payouts()).isEqualTo(defaults);
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("payouts: {minimumMinor: 0, interval: 10m, method: Stripe}", Map.of()))
                .hasMessageContaining("payouts.minimumMinor: expected at least 1 minor unit")
                .hasMessageContaining("payouts.interval: expected 1 hour to 92 days")
                .hasMessageContaining("payouts.method: expected an extension id");
    }
}
