package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.config.Validated.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field is checked on its own, with a message that names it and never shows the secret. */
class PayPalConfigTest {

    static PayPalConfig valid() {
        return new PayPalConfig("AbCdEf-client", "EK-secret", "1JE4291016473214C", PayPalConfig.SANDBOX, Duration.ofSeconds(4));
    }

    static List<String> fields(PayPalConfig c) {
        return c.problems().stream().map(Problem::field).toList();
    }

    @Test
    void aCompleteConfigIsValidAndDefaultsToLivePayPal() {
        assertThat(valid().problems()).isEmpty();
        assertThat(PayPalConfig.defaults().apiBase()).isEqualTo(URI.create("https://api-m.paypal.com"));
        assertThat(PayPalConfig.defaults().timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(fields(PayPalConfig.defaults())).containsExactly("clientId", "clientSecret", "webhookId");
    }

    @Test
    void eachFieldIsValidated() {
        PayPalConfig v = valid();
        assertThat(fields(new PayPalConfig(" ", v.clientSecret(), v.webhookId(), v.apiBase(), v.timeout()))).containsExactly("clientId");
        assertThat(fields(new PayPalConfig(v.clientId(), "has space", v.webhookId(), v.apiBase(), v.timeout()))).containsExactly("clientSecret");
        assertThat(fields(new PayPalConfig(v.clientId(), v.clientSecret(), "WH-with-dash", v.apiBase(), v.timeout()))).containsExactly("webhookId");
        for (String base : List.of("http://api-m.paypal.com", "https://api-m.paypal.com/v2", "https://u:p@api-m.paypal.com",
                "https://api-m.paypal.com?x=1", "ftp://127.0.0.1", "http://10.0.0.1:8080")) {
            assertThat(fields(new PayPalConfig(v.clientId(), v.clientSecret(), v.webhookId(), URI.create(base), v.timeout())))
                    .as(base).containsExactly("apiBase");
        }
        assertThat(fields(new PayPalConfig(v.clientId(), v.clientSecret(), v.webhookId(), URI.create("http://127.0.0.1:9999"), v.timeout()))).isEmpty();
        assertThat(fields(new PayPalConfig(v.clientId(), v.clientSecret(), v.webhookId(), v.apiBase(), Duration.ofMillis(500)))).containsExactly("timeout");
        assertThat(fields(new PayPalConfig(v.clientId(), v.clientSecret(), v.webhookId(), v.apiBase(), Duration.ofMinutes(1)))).containsExactly("timeout");
    }

    @Test
    void theSecretIsMaskedAndTheSandboxIsRecognised() {
        assertThat(valid().toString()).doesNotContain("EK-secret").contains("clientSecret=***");
        assertThat(valid().sandbox()).isTrue();
        assertThat(new PayPalConfig("a", "b", "C", PayPalConfig.LIVE, Duration.ofSeconds(4)).sandbox()).isFalse();
    }
}
