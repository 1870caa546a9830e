package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.BrokenLicenseSchemePlugins;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seller's manual license when the only running license scheme fails to issue (a real plugin
 * that throws): a clear 502, and no entitlement, license or audit row left behind, on both databases.
 */
class ManualLicenseFailureTest {

    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            FIXTURES.put(kind, LicenseFixture.boot(kind, BrokenLicenseSchemePlugins.writeTo(Files.createTempDirectory("broken-scheme-"))));
        }
    }

    @AfterAll
    static void close() {
        FIXTURES.values().forEach(LicenseFixture::close);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFailingSchemeLeavesNoHalfMadeLicense(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        var item = f.product(Map.of("licenseScheme", BrokenLicenseSchemePlugins.SCHEME));
        TestUsers.User customer = TestUsers.signIn(f.e, "customer");
        String email = customer.id() + "@example.test";

        Response r = f.seller.client().postJson("/api/v1/seller/licenses", Map.of("planId", item.planId(), "email", email, "days", 30));
        assertThat(r.status()).as(r.body()).isEqualTo(502);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("LICENSE_SCHEME_FAILED");
        assertThat(r.json().get("detail").asText()).contains(BrokenLicenseSchemePlugins.SCHEME);

        assertThat(customer.client().get("/api/v1/entitlements").json().get("data")).isEmpty();
        assertThat(customer.client().get("/api/v1/licenses").json().get("data")).isEmpty();
        assertThat(f.seller.client().get("/api/v1/seller/licenses?email=" + email).json().get("data")).isEmpty();
        assertThat(count(f, "SELECT COUNT(*) FROM entitlements WHERE customer_id = :c", customer.id())).isZero();
        assertThat(count(f, "SELECT COUNT(*) FROM licenses WHERE customer_id = :c", customer.id())).isZero();
        assertThat(count(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'license.issue' AND detail LIKE :c", "%" + customer.id() + "%"))
                .isZero();
    }

    static long count(LicenseFixture f, String sql, String value) {
        return f.e.jdbi().withHandle(h -> h.createQuery(sql).bind("c", value).mapTo(Long.class).one());
    }
}
