package com.mintreu.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.MessagesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code messages} section: the documented defaults, the shipped file says the same, bad values are named with their path. */
class MessagesConfigTest {

    @Test
    void defaultsAndTheShippedFileAgree() throws Exception {
        MessagesConfig defaults = ConfigLoader.parse("", Map.of()).messages();
        assertThat(defaults).isEqualTo(new MessagesConfig(20, 200));
        String shipped = Files.readString(Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml"));
        assertThat(ConfigLoader.parse(shipped, Map.of()).messages()).isEqualTo(defaults);
        assertThat(ConfigLoader.parse("messages: {perUserPerHour: 5}", Map.of()).messages()).isEqualTo(new MessagesConfig(5, 200));
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("messages: {perUserPerHour: 0, perInboxPerHour: 100001}", Map.of()))
                .hasMessageContaining("messages.perUserPerHour: expected 1 to 10000")
                .hasMessageContaining("messages.perInboxPerHour: expected 1 to 100000");
    }
}
