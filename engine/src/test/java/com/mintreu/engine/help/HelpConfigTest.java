package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.HelpConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code help} section: the documented defaults, the shipped file says the same, bad values are named with their path. */
class HelpConfigTest {

    @Test
    void defaultsAndTheShippedFileAgree() throws Exception {
        HelpConfig defaults = ConfigLoader.parse("", Map.of()).help();
        assertThat(defaults).isEqualTo(new HelpConfig("helpdesk-builtin-kb", 20));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).help()).isEqualTo(defaults);
        assertThat(ConfigLoader.parse("help: {knowledgeBase: zendesk-kb}", Map.of()).help()).isEqualTo(new HelpConfig("zendesk-kb", 20));
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("help: {knowledgeBase: ' ', searchResults: 51}", Map.of()))
                .hasMessageContaining("help.knowledgeBase: is required")
                .hasMessageContaining("help.searchResults: expected 1 to 50");
    }
}
