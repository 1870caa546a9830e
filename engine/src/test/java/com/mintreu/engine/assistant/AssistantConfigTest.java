package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.AssistantConfig;
import com.mintreu.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code assistant} section: the documented defaults, the shipped file says the same, bad values are named with their path. */
class AssistantConfigTest {

    @Test
    void defaultsAndTheShippedFileAgree() throws Exception {
        AssistantConfig defaults = ConfigLoader.parse("", Map.of()).assistant();
        assertThat(defaults).isEqualTo(new AssistantConfig("assistant-retrieval", 1000, 30, 4));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).assistant()).isEqualTo(defaults);
        assertThat(ConfigLoader.parse("assistant: {answerer: assistant-llm, dailyLimit: 50}", Map.of()).assistant())
                .isEqualTo(new AssistantConfig("assistant-llm", 50, 30, 4));
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("assistant: {answerer: 'GPT 4', dailyLimit: -1, perVisitorDailyLimit: 0, maxPassages: 11}", Map.of()))
                .hasMessageContaining("assistant.answerer: expected an extension id")
                .hasMessageContaining("assistant.dailyLimit: expected 0 (no answers) or more")
                .hasMessageContaining("assistant.perVisitorDailyLimit: expected at least 1")
                .hasMessageContaining("assistant.maxPassages: expected 1 to 10");
    }
}
