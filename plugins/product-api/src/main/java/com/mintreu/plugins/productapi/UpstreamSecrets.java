package com.mintreu.plugins.productapi;

import com.mintreu.api.Secrets;
import java.util.Base64;

/**
 * The secret a call to a product's upstream carries: the configured one, or one derived per product
 * from the engine's master secret (so a fresh install needs no setting, and one product's secret
 * says nothing about another's). The value is never logged.
 */
final class UpstreamSecrets {

    private final String configured;
    private final Secrets secrets;

    UpstreamSecrets(ProductApiConfig config, Secrets secrets) {
        this.configured = config.upstreamSecret() == null || config.upstreamSecret().isEmpty() ? null : config.upstreamSecret();
        this.secrets = secrets;
    }

    String forProduct(String productId) {
        if (configured != null) {
            return configured;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.key("upstream:" + productId));
    }

    @Override
    public String toString() {
        return "UpstreamSecrets[***]";
    }
}
