package com.mintreu.plugins.productapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.product.AttributeSpec;
import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductDraft;
import com.mintreu.api.product.ProductType.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiProductTypeTest {

    final ApiProductType type = new ApiProductType();

    static ProductDraft draft(Map<String, String> attributes, int plans) {
        return new ProductDraft("prd_1", "Quotes API", attributes, plans, false);
    }

    static FulfillmentRequest line(Map<String, String> attributes) {
        return new FulfillmentRequest("ord_1", "oli_1", "usr_1", "prd_1", "pln_1", 1, attributes, null);
    }

    @Test
    void describesItsPlanSettings() {
        assertThat(type.id()).isEqualTo("api");
        assertThat(type.attributes()).extracting(AttributeSpec::name)
                .containsExactly("monthlyQuota", "ratePerSecond", "ratePerMinute", "overageMinorPerUnit", "upstreamUrl");
        assertThat(type.configType()).isEqualTo(ProductApiConfig.class);
    }

    @Test
    void aPlanWithoutFileOrLimitsIsValid() {
        assertThat(type.validate(draft(Map.of(), 1))).isEmpty();
    }

    @Test
    void namesEachBadField() {
        List<Problem> problems = type.validate(draft(Map.of("monthlyQuota", "0", "ratePerSecond", "1.5", "ratePerMinute", "-3",
                "upstreamUrl", "ftp://x"), 0));
        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder("plans", "monthlyQuota", "ratePerSecond", "ratePerMinute", "upstreamUrl");
        assertThat(type.validate(draft(Map.of("overageMinorPerUnit", "2"), 1))).extracting(Problem::field).containsExactly("overageMinorPerUnit");
    }

    @Test
    void freezesTheLimitsIntoOneApiKeyGrant() {
        List<EntitlementGrant> grants = type.fulfill(line(Map.of("monthlyQuota", "10000", "ratePerSecond", "5", "overageMinorPerUnit", "2",
                "upstreamUrl", " https://api.example.com/v1 ")));
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).kind()).isEqualTo("api_key");
        assertThat(grants.get(0).expiresAt()).isNull();
        assertThat(grants.get(0).data()).containsExactlyInAnyOrderEntriesOf(Map.of("monthlyQuota", "10000", "ratePerSecond", "5",
                "overageMinorPerUnit", "2", "upstreamUrl", "https://api.example.com/v1"));
        // fulfil may run again after a crash: the same line gives the same grant
        assertThat(type.fulfill(line(Map.of("monthlyQuota", "10000", "ratePerSecond", "5", "overageMinorPerUnit", "2",
                "upstreamUrl", " https://api.example.com/v1 ")))).isEqualTo(grants);
    }

    @Test
    void aBadStoredValueMeansNoSuchLimitRatherThanAFailedOrder() {
        assertThat(type.fulfill(line(Map.of("monthlyQuota", "lots", "ratePerMinute", "60", "overageMinorPerUnit", "1"))).get(0).data())
                .containsExactlyEntriesOf(Map.of("ratePerMinute", "60"));
    }

    @Test
    void theUpstreamSecretIsConfiguredOrDerivedPerProductAndNeverPrinted() {
        UpstreamSecrets derived = new UpstreamSecrets(ProductApiConfig.defaults(), purpose -> ("k:" + purpose).getBytes());
        assertThat(derived.forProduct("prd_1")).isNotEqualTo(derived.forProduct("prd_2")).isEqualTo(derived.forProduct("prd_1"));
        String secret = "s".repeat(40);
        ProductApiConfig config = new ProductApiConfig(secret);
        assertThat(new UpstreamSecrets(config, purpose -> new byte[32]).forProduct("prd_1")).isEqualTo(secret);
        assertThat(config.toString()).doesNotContain(secret);
        assertThat(new ProductApiConfig("short").problems()).extracting(p -> p.field()).containsExactly("upstreamSecret");
    }

    @Test
    void plansHaveTheirOwnLimitsCheckedAsTheProductsAre() {
        assertThat(type.planAttributes()).extracting(AttributeSpec::name)
                .containsExactly("monthlyQuota", "ratePerSecond", "ratePerMinute", "overageMinorPerUnit");
        assertThat(type.validatePlan(Map.of("monthlyQuota", "1000", "overageMinorPerUnit", "3", "ratePerSecond", "10"))).isEmpty();
        assertThat(type.validatePlan(Map.of("monthlyQuota", "0", "ratePerMinute", "1.5"))).extracting(Problem::field)
                .containsExactly("monthlyQuota", "ratePerMinute");
        assertThat(type.validatePlan(Map.of("overageMinorPerUnit", "3"))).extracting(Problem::field).containsExactly("overageMinorPerUnit");
    }
}
