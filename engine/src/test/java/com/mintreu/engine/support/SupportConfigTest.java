package com.mintreu.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.SupportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code support} section: the documented defaults, the shipped file says the same, bad values are named with their path. */
class SupportConfigTest {

    @Test
    void defaultsAndTheShippedFileAgree() throws Exception {
        SupportConfig defaults = ConfigLoader.parse("", Map.of()).support();
        assertThat(defaults).isEqualTo(new SupportConfig("helpdesk-builtin", "", 5_242_880, List.of("image/png", "image/jpeg", "application/pdf",
                "text/plain"), 5, 20, ""));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).support()).isEqualTo(defaults);
        assertThat(ConfigLoader.parse("support: {attachmentTypes: [image/gif], ticketsPerHour: 2}", Map.of()).support())
                .isEqualTo(new SupportConfig("helpdesk-builtin", "", 5_242_880, List.of("image/gif"), 2, 20, ""));
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                "support: {helpdesk: 'Zendesk!', attachmentMaxBytes: 0, attachmentTypes: [text/html], ticketsPerHour: 0, repliesPerMinute: 1001}",
                Map.of()))
                .hasMessageContaining("support.helpdesk: expected an extension id")
                .hasMessageContaining("support.attachmentMaxBytes: expected 1 to 104857600")
                .hasMessageContaining("support.attachmentTypes: unknown type 'text/html'")
                .hasMessageContaining("support.ticketsPerHour: expected 1 to 1000")
                .hasMessageContaining("support.repliesPerMinute: expected 1 to 1000");
    }
}
