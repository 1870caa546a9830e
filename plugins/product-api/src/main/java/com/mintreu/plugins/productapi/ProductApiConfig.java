package com.mintreu.plugins.productapi;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plugins.product-api.config}.
 *
 * @param upstreamSecret the secret the gateway adds to calls it passes to a product's upstream (so
 *                       the upstream knows the call came through the marketplace); empty derives one
 *                       per product from the engine's master secret
 */
public record ProductApiConfig(
        @Setting(secret = true, help = "secret added to calls passed to every API product's upstream, at least 32 characters; "
                + "empty derives one per product from the engine's master secret") String upstreamSecret) implements Validated {

    static final int MIN_SECRET_CHARS = 32;

    static ProductApiConfig defaults() {
        return new ProductApiConfig(null);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (upstreamSecret != null && !upstreamSecret.isEmpty() && upstreamSecret.length() < MIN_SECRET_CHARS) {
            problems.add(new Problem("upstreamSecret", "must be at least " + MIN_SECRET_CHARS + " characters"));
        }
        return problems;
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "ProductApiConfig[upstreamSecret=" + (upstreamSecret == null || upstreamSecret.isEmpty() ? "(derived)" : "***") + "]";
    }
}
