package com.example.acmepay;

import com.mintreu.api.config.Setting;
import java.net.URI;

/** {@code plugins.acme-pay.config}: where Acme's API is and the two secrets it gave the shop. */
public record AcmeConfig(
        @Setting(help = "Acme's API, e.g. https://api.acme.test") URI apiBase,
        @Setting(required = true, secret = true, help = "the secret API key from Acme's dashboard") String apiKey,
        @Setting(required = true, secret = true, help = "the signing secret of the shop's webhook endpoint at Acme") String webhookSecret) {

    static AcmeConfig defaults() {
        return new AcmeConfig(URI.create("https://api.acme.test"), null, null);
    }

    /** Secrets never reach a log or an error message. */
    @Override
    public String toString() {
        return "AcmeConfig[apiBase=" + apiBase + ", apiKey=***, webhookSecret=***]";
    }
}
