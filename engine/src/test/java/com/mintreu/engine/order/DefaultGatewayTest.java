package com.mintreu.engine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.config.ConfigException;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** orders.defaultGateway must name a running gateway: a typo stops the start with a message naming the setting. */
class DefaultGatewayTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDefaultGatewayThatIsNotRunningStopsTheStartWithAClearError(String kind) {
        assertThatThrownBy(() -> TestEngine.boot(kind, "orders: {defaultGateway: payment-stirpe}", true).close())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().getFirst().path()).isEqualTo("orders.defaultGateway");
                    assertThat(e.problems().getFirst().message()).contains("'payment-stirpe'").contains("running: payment-sandbox");
                });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRunningDefaultGatewayIsAccepted(String kind) {
        try (TestEngine e = TestEngine.boot(kind, "orders: {defaultGateway: payment-sandbox}", true)) {
            assertThat(e.engine().component().gateways().defaultId()).contains("payment-sandbox");
            assertThat(e.engine().component().gateways().running()).extracting(Gateways.Info::displayName)
                    .containsExactly("Sandbox (test payment, no real money)");
        }
    }
}
