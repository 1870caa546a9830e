package com.mintreu.engine.metering;

import com.mintreu.api.product.ProductType;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The secret the gateway adds upstream for a product, asked of its product type
 * ({@link ProductType#upstreamSecret}) through the plugin dispatcher and kept
 * {@value #TTL_NANOS} ns, so a gateway call does not pay a plugin call each time. Never logged.
 */
@Singleton
final class UpstreamSecretCache {

    static final long TTL_NANOS = 300_000_000_000L;

    private record Held(String secret, long at) {}

    private final PluginHost host;
    private final Map<String, Held> byProduct = new ConcurrentHashMap<>();

    @Inject
    UpstreamSecretCache(PluginHost host) {
        this.host = host;
    }

    String secretFor(Product product) {
        Held held = byProduct.get(product.id());
        long now = System.nanoTime();
        if (held == null || now - held.at() > TTL_NANOS) {
            held = new Held(load(product), now);
            byProduct.put(product.id(), held);
        }
        return held.secret();
    }

    private String load(Product product) {
        ProductType type = host.extension(ProductType.class, product.typeId()).orElseThrow(() -> new ApiException(
                GatewayError.UPSTREAM_NOT_CONFIGURED, "the product type '" + product.typeId() + "' is not running"));
        Optional<String> secret;
        try {
            secret = host.call(type, "upstreamSecret", t -> t.upstreamSecret(product.id()));
        } catch (PluginCallException e) {
            throw new ApiException(GatewayError.UPSTREAM_NOT_CONFIGURED, "the product type '" + product.typeId() + "' did not give the upstream secret");
        }
        return secret.filter(s -> !s.isEmpty()).orElseThrow(() -> new ApiException(GatewayError.UPSTREAM_NOT_CONFIGURED,
                "products of type '" + product.typeId() + "' have no upstream"));
    }

    @Override
    public String toString() {
        return "UpstreamSecretCache[***]";
    }
}
