package com.mintreu.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mintreu.yaml the distribution ships binds as it is and lists every orders setting. */
class ShippedConfigTest {

    static final Path SHIPPED = Path.of("..", "distribution", "src", "main", "conf", "mintreu.yaml");

    @Test
    void theShippedFileBindsWithTheDocumentedOrderDefaults() throws Exception {
        String yaml = Files.readString(SHIPPED);
        MintreuConfig config = ConfigLoader.parse(yaml, Map.of());
        assertThat(config.orders()).isEqualTo(OrdersConfig.defaults());
        assertThat(config.orders().reconcileAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ConfigLoader.parse(yaml, Map.of("MINTREU_DEFAULT_GATEWAY", "payment-sandbox")).orders().defaultGateway())
                .isEqualTo("payment-sandbox");
        String orders = yaml.substring(yaml.indexOf("\norders:\n"));
        Arrays.stream(OrdersConfig.class.getRecordComponents()).forEach(c ->
                assertThat(orders).as("orders.%s is in the shipped file", c.getName()).containsAnyOf("\n  " + c.getName() + ": ",
                        "\n  " + c.getName() + ":\n"));
        assertThat(orders).contains("\n    autoApprove:\n      enabled: false\n      withinDays: 14\n");
    }
}
