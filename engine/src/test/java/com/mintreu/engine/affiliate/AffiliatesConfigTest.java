package com.mintreu.engine.affiliate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.AffiliatesConfig;
import com.mintreu.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code affiliates} section: the documented defaults, the shipped file says the same, bad values are named with their path. */
class AffiliatesConfigTest {

    @Test
    void defaultsAndTheShippedFileAgree() throws Exception {
        AffiliatesConfig defaults = ConfigLoader.parse("", Map.of()).affiliates();
        assertThat(defaults).isEqualTo(new AffiliatesConfig(false, 30, 1000, "affiliate-percent"));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).affiliates()).isEqualTo(defaults);
        assertThat(ConfigLoader.parse("affiliates: {requireApproval: true, cookieDays: 7}", Map.of()).affiliates())
                .isEqualTo(new AffiliatesConfig(true, 7, 1000, "affiliate-percent"));
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("affiliates: {cookieDays: 0, rateBasisPoints: 10001, scheme: ' '}", Map.of()))
                .hasMessageContaining("affiliates.cookieDays: expected 1 to 365")
                .hasMessageContaining("affiliates.rateBasisPoints: expected 0 to 10000")
                .hasMessageContaining("affiliates.scheme: is required");
    }
}
