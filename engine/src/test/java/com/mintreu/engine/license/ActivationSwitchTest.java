package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The license-activations kill switch: new machines and seats stop with a signed ACTIVATIONS_DISABLED,
 * while validation, heartbeats and deactivation of software already activated keep answering.
 */
class ActivationSwitchTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void activationsStopButValidationKeepsAnswering(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic l = f.license(Map.of("floating", true, "maxMachines", 3, "maxUsers", 3, "requireFingerprint", true));
            assertThat(LicenseFixture.answer(f.activate(l, "fp-installed"))).isEqualTo("true ACTIVATED");
            assertThat(LicenseFixture.answer(f.user("add", l, "ann@example.test"))).isEqualTo("true SEAT_CLAIMED");

            assertThat(f.admin.putJson("/api/v1/admin/switches/license-activations", Map.of("engaged", true, "reason", "key leak")).status())
                    .isEqualTo(200);

            Response r = f.e.client().postJson("/api/v1/licenses/machines/activate", Map.of("key", l.key(), "fingerprint", "fp-new"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Mintreu-Signature")).as("the refusal is signed like every license answer").isNotBlank();
            assertThat(LicenseFixture.answer(r.json())).isEqualTo("false ACTIVATIONS_DISABLED");
            assertThat(LicenseFixture.answer(f.user("add", l, "bob@example.test"))).isEqualTo("false ACTIVATIONS_DISABLED");

            JsonNode v = f.validate(l, Map.of("fingerprint", "fp-installed", "user", "ann@example.test"));
            assertThat(LicenseFixture.answer(v)).as("installed software keeps working").isEqualTo("true VALID");
            assertThat(LicenseFixture.answer(f.machine("deactivate", l, "fp-installed"))).as("freeing a machine still works").isEqualTo("true DEACTIVATED");

            f.admin.putJson("/api/v1/admin/switches/license-activations", Map.of("engaged", false));
            assertThat(LicenseFixture.answer(f.activate(l, "fp-new"))).isEqualTo("true ACTIVATED");
        }
    }
}
