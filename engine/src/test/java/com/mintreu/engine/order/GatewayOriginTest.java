package com.mintreu.engine.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a gateway may declare as its hosted checkout's origin: a bare http(s) origin, nothing that could widen the CSP. */
class GatewayOriginTest {

    @ParameterizedTest
    @CsvSource({
        "https://checkout.stripe.com, https://checkout.stripe.com",
        "https://checkout.stripe.com/, https://checkout.stripe.com",
        "HTTPS://WWW.PayPal.com, https://www.paypal.com",
        "http://127.0.0.1:9123, http://127.0.0.1:9123",
        "http://[::1]:9123, http://[::1]:9123"})
    void aBareOriginIsKeptInCanonicalForm(String declared, String expected) {
        assertThat(Gateways.origin(URI.create(declared))).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://checkout.stripe.com/pay", "https://a.example?x=1", "https://a.example#f", "https://user@a.example",
        "ftp://a.example", "javascript:alert(1)", "/relative", "data:text/html,x", "https://*.stripe.com"})
    void anythingElseIsRefused(String declared) {
        assertThat(Gateways.origin(URI.create(declared))).isEmpty();
    }
}
