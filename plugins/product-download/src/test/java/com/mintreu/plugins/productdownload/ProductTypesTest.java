package com.mintreu.plugins.productdownload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.product.AttributeSpec;
import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductDraft;
import com.mintreu.api.product.ProductType.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductTypesTest {

    final DownloadProductType download = new DownloadProductType();
    final SoftwareProductType software = new SoftwareProductType();

    static ProductDraft draft(Map<String, String> attributes, int plans, boolean release) {
        return new ProductDraft("prd_1", "Tool", attributes, plans, release);
    }

    static FulfillmentRequest line(Map<String, String> attributes, int quantity) {
        return new FulfillmentRequest("ord_1", "oli_1", "usr_1", "prd_1", "pln_1", quantity, attributes, "rel_9");
    }

    @Test
    void describesItself() {
        assertThat(download.id()).isEqualTo("download");
        assertThat(download.displayName()).isEqualTo("Download");
        assertThat(download.attributes()).extracting(AttributeSpec::name).containsExactly("maxDownloads", "linkTtlHours");
        assertThat(download.attributes()).allSatisfy(a -> assertThat(a.kind()).isEqualTo(AttributeSpec.Kind.NUMBER));
        assertThat(software.id()).isEqualTo("software");
        assertThat(software.displayName()).isEqualTo("Licensed software");
    }

    @Test
    void aDraftWithAPlanAReleaseAndNoAttributesIsValid() {
        assertThat(download.validate(draft(Map.of(), 1, true))).isEmpty();
        assertThat(download.validate(draft(Map.of("maxDownloads", "3", "linkTtlHours", "48"), 2, true))).isEmpty();
    }

    @Test
    void planAndReleaseAreRequired() {
        assertThat(download.validate(draft(Map.of(), 0, false))).extracting(Problem::field)
                .containsExactlyInAnyOrder("plans", "releases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "abc", "99999999999"})
    void limitsMustBePositiveWholeNumbers(String bad) {
        assertThat(download.validate(draft(Map.of("maxDownloads", bad, "linkTtlHours", bad), 1, true)))
                .extracting(Problem::field).containsExactlyInAnyOrder("maxDownloads", "linkTtlHours");
    }

    @Test
    void fulfilGrantsOneDownloadWithDefaults() {
        assertThat(download.fulfill(line(Map.of(), 1))).containsExactly(new EntitlementGrant("download",
                Map.of("maxDownloads", "5", "linkTtlHours", "24", "releaseId", "rel_9"), null));
    }

    @Test
    void quantityDoesNotMultiplyDownloadsAndSellerLimitsAreUsed() {
        assertThat(download.fulfill(line(Map.of("maxDownloads", "3", "linkTtlHours", "2"), 4))).containsExactly(
                new EntitlementGrant("download", Map.of("maxDownloads", "3", "linkTtlHours", "2", "releaseId", "rel_9"), null));
    }

    @Test
    void fulfilIsTheSameOnASecondCall() {
        assertThat(download.fulfill(line(Map.of(), 2))).isEqualTo(download.fulfill(line(Map.of(), 2)));
    }

    @Test
    void fulfilWithoutAReleaseFailsLoudly() {
        var noRelease = new FulfillmentRequest("ord_1", "oli_1", "usr_1", "prd_1", "pln_1", 1, Map.of(), null);
        assertThatThrownBy(() -> download.fulfill(noRelease)).hasMessageContaining("prd_1").hasMessageContaining("oli_1");
    }

    @Test
    void softwareGrantsADownloadAndALicense() {
        assertThat(software.fulfill(line(Map.of("licenseDays", "365"), 1))).containsExactly(
                new EntitlementGrant("download", Map.of("maxDownloads", "5", "linkTtlHours", "24", "releaseId", "rel_9"), null),
                new EntitlementGrant("license", Map.of("scheme", "license-ed25519", "licenseDays", "365"), null));
        assertThat(software.fulfill(line(Map.of(), 1)).get(1).data()).containsExactly(Map.entry("scheme", "license-ed25519"));
    }

    @Test
    void softwareValidatesItsOwnAttributeToo() {
        assertThat(software.attributes()).extracting(AttributeSpec::name).containsExactly("maxDownloads", "linkTtlHours", "licenseDays", "licenseScheme");
        assertThat(software.validate(draft(Map.of("licenseDays", "0"), 1, true))).extracting(Problem::field).containsExactly("licenseDays");
        assertThat(software.validate(draft(Map.of(), 0, true))).extracting(Problem::field).containsExactly("plans");
    }

    @Test
    void theSellerPicksTheLicenseScheme() {
        assertThat(software.fulfill(line(Map.of("licenseScheme", "license-short"), 1)).get(1).data())
                .containsExactly(Map.entry("scheme", "license-short"));
        assertThat(software.fulfill(line(Map.of("licenseScheme", "license-ed25519"), 1)).get(1).data())
                .containsExactly(Map.entry("scheme", "license-ed25519"));
        assertThat(software.fulfill(line(Map.of("licenseScheme", ""), 1)).get(1).data())
                .containsExactly(Map.entry("scheme", "license-ed25519"));
        assertThat(software.validate(draft(Map.of("licenseScheme", "license-short"), 1, true))).isEmpty();
        assertThat(software.validate(draft(Map.of("licenseScheme", "license-rot13"), 1, true)))
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("licenseScheme", "must be one of license-ed25519, license-short"));
        // the same choice for licenses issued without an order
        assertThat(software.licenseScheme(Map.of("licenseScheme", "license-short"))).contains("license-short");
        assertThat(software.licenseScheme(Map.of())).contains("license-ed25519");
        assertThat(new DownloadProductType().licenseScheme(Map.of("licenseScheme", "license-short"))).isEmpty();
    }
}
