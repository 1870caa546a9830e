package com.mintreu.plugins.paymentstripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Field-level validation of plugins.payment-stripe.config, as the engine reports it with the YAML path. */
class StripeConfigTest {

    static final String KEY = "sk_test_51MintreuFakeKey";
    static final String WHSEC = "whsec_MintreuFake";

    static Map<String, String> problems(StripeConfig config) {
        return config.problems().stream().collect(Collectors.toMap(Problem::field, Problem::message));
    }

    static StripeConfig config(String key, String whsec, URI base, Duration timeout) {
        return new StripeConfig(key, whsec, base, timeout);
    }

    @Test
    void defaultsPointAtStripeAndOnlyTheSecretsMustBeGiven() {
        StripeConfig defaults = StripeConfig.defaults();

        assertThat(defaults.apiBase()).isEqualTo(URI.create("https://api.stripe.com"));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(problems(defaults)).containsOnlyKeys("secretKey", "webhookSecret");
        assertThat(problems(defaults).get("secretKey")).contains("is required").contains("sk_test_");
        assertThat(problems(defaults).get("webhookSecret")).contains("is required").contains("whsec_");
        assertThat(problems(config(KEY, WHSEC, StripeConfig.STRIPE_API, StripeConfig.DEFAULT_TIMEOUT))).isEmpty();
    }

    @Test
    void secretsAreMarkedSecretAndRequired() {
        Map<String, Setting> settings = Arrays.stream(StripeConfig.class.getRecordComponents())
                .collect(Collectors.toMap(c -> c.getName(), c -> c.getAnnotation(Setting.class)));

        assertThat(settings.get("secretKey").secret()).isTrue();
        assertThat(settings.get("secretKey").required()).isTrue();
        assertThat(settings.get("webhookSecret").secret()).isTrue();
        assertThat(settings.get("webhookSecret").required()).isTrue();
        assertThat(settings.get("apiBase").secret()).isFalse();
        assertThat(settings.values()).allSatisfy(s -> assertThat(s.help()).isNotBlank());
    }

    @Test
    void keysMustHaveStripesPrefixesAndAreNeverEchoed() {
        String publishable = "pk_test_51MintreuPublishable";
        String swapped = "whsec_PastedIntoTheKeyField";
        Map<String, String> wrong = problems(config(publishable, "sk_test_PastedIntoTheSecretField", StripeConfig.STRIPE_API, StripeConfig.DEFAULT_TIMEOUT));

        assertThat(wrong).containsOnlyKeys("secretKey", "webhookSecret");
        assertThat(wrong.get("secretKey")).contains("must be a secret key starting with sk_").contains("publishable key (pk_)");
        assertThat(wrong.get("webhookSecret")).isEqualTo("must be a webhook signing secret starting with whsec_");
        assertThat(problems(config(swapped, WHSEC, StripeConfig.STRIPE_API, StripeConfig.DEFAULT_TIMEOUT)).get("secretKey"))
                .contains("starting with sk_").doesNotContain(swapped);
        assertThat(wrong.values()).noneMatch(m -> m.contains("51MintreuPublishable") || m.contains("PastedIntoTheSecretField"));
        assertThat(problems(config("rk_test_Restricted", WHSEC, StripeConfig.STRIPE_API, StripeConfig.DEFAULT_TIMEOUT))).isEmpty();
    }

    @Test
    void theApiBaseIsHttpsOrALocalFake() {
        assertThat(problems(config(KEY, WHSEC, URI.create("http://api.stripe.com"), StripeConfig.DEFAULT_TIMEOUT)).get("apiBase"))
                .contains("must be https").contains("http://api.stripe.com");
        assertThat(problems(config(KEY, WHSEC, URI.create("api.stripe.com"), StripeConfig.DEFAULT_TIMEOUT)).get("apiBase"))
                .contains("must be an absolute URL");
        assertThat(problems(config(KEY, WHSEC, URI.create("https://api.stripe.com?x=1"), StripeConfig.DEFAULT_TIMEOUT)).get("apiBase"))
                .contains("query");
        assertThat(problems(config(KEY, WHSEC, null, StripeConfig.DEFAULT_TIMEOUT))).containsKey("apiBase");
        for (String local : List.of("http://127.0.0.1:12111", "http://localhost:12111", "http://[::1]:12111", "https://stripe-mock.internal")) {
            assertThat(problems(config(KEY, WHSEC, URI.create(local), StripeConfig.DEFAULT_TIMEOUT))).as(local).isEmpty();
        }
    }

    @Test
    void theTimeoutIsBounded() {
        assertThat(problems(config(KEY, WHSEC, StripeConfig.STRIPE_API, Duration.ZERO)).get("timeout")).contains("between 100ms and 60s");
        assertThat(problems(config(KEY, WHSEC, StripeConfig.STRIPE_API, Duration.ofMinutes(2)))).containsKey("timeout");
        assertThat(problems(config(KEY, WHSEC, StripeConfig.STRIPE_API, null))).containsKey("timeout");
    }

    @Test
    void toStringMasksBothSecrets() {
        String shown = config(KEY, WHSEC, StripeConfig.STRIPE_API, StripeConfig.DEFAULT_TIMEOUT).toString();

        assertThat(shown).doesNotContain(KEY).doesNotContain(WHSEC).contains("secretKey=***").contains("https://api.stripe.com");
    }

    @Test
    void testModeComesFromTheKey() {
        assertThat(config(KEY, WHSEC, null, null).testMode()).isTrue();
        assertThat(config("sk_live_51Real", WHSEC, null, null).testMode()).isFalse();
    }
}
