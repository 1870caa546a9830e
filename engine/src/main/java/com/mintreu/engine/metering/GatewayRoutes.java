package com.mintreu.engine.metering;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.ErrorCode;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Json;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API gateway, {@code /gw/{product}/...} for every method: the client's API key is checked and
 * metered exactly as {@code POST /api/v1/keys/verify} does (one unit a call, {@link KeyVerifier}),
 * scoped to the product in the path, then the call goes to the purchase's upstream
 * ({@link UpstreamTarget}, {@link GatewayProxy}). {@code {product}} is the product's slug (published
 * products) or its id {@code prd_...} (any status, so buyers of a product taken off sale keep their
 * API). Answers carry {@code X-RateLimit-Limit / -Remaining / -Reset} (Reset in epoch seconds) for
 * the limit closest to refusing; a refusal is problem+json with a stable code (see
 * {@link GatewayError}), 429 with {@code Retry-After}. Each call passed on is a unit of usage ({@link GatewayUsage}).
 */
final class GatewayRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);
    /** The grant data field product-api freezes the upstream base URL in. */
    static final String UPSTREAM_URL = "upstreamUrl";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final KeyVerifier verifier;
    private final CatalogService catalog;
    private final KillSwitches switches;
    private final UpstreamSecretCache secrets;
    private final GatewayProxy proxy;
    private final UpstreamTarget targets;
    private final Clock clock;
    private final GatewayUsage usage;

    @Inject
    GatewayRoutes(KeyVerifier verifier, CatalogService catalog, KillSwitches switches, UpstreamSecretCache secrets, GatewayProxy proxy,
            ApiKeysConfig config, Clock clock, GatewayUsage usage) {
        this.usage = usage;
        this.verifier = verifier;
        this.catalog = catalog;
        this.switches = switches;
        this.secrets = secrets;
        this.proxy = proxy;
        this.targets = new UpstreamTarget(config.gatewayAllowPrivateUpstreams());
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        for (String method : METHODS) {
            router.add(method, "/gw/{product}", this::serve);
            router.add(method, "/gw/{product}/*", this::serve);
        }
    }

    private void serve(Exchange x) {
        Map<String, String> rateHeaders = new LinkedHashMap<>();
        try {
            switches.require(KillSwitch.GATEWAY);
            Product product = product(x.pathParam("product"));
            String key = key(x);
            KeyVerifier.Checked checked = verifier.verifyForProduct(product.id(), new KeyVerifier.Request(key, 1, null));
            KeyVerifier.Answer a = checked.answer();
            if (a.limit() != null) {
                rateHeaders.put("X-RateLimit-Limit", Long.toString(a.limit()));
                rateHeaders.put("X-RateLimit-Remaining", Long.toString(Math.max(0, a.remaining())));
                rateHeaders.put("X-RateLimit-Reset", Long.toString((a.reset().toEpochMilli() + 999) / 1000));
            }
            refuseUnless(a);
            usage.record(checked.key(), clock.millis());
            URI target = targets.resolve(checked.purchase().data().get(UPSTREAM_URL), rest(x), x.raw().getQueryString());
            proxy.forward(x, target, product.id(), secrets.secretFor(product), rateHeaders);
        } catch (ApiException e) {
            problem(x, e, rateHeaders);
        } catch (Exception e) {
            String errorId = "err_" + Tokens.random(9);
            LOG.error("[{}] gateway call {} {} failed", errorId, x.method(), x.path(), e);
            problem(x, new ApiException(CommonError.INTERNAL, "unexpected error; quote error id " + errorId), rateHeaders);
        }
    }

    /** A published product by slug, or any product by id; 404 otherwise. */
    private Product product(String ref) {
        Optional<Product> found = ref.startsWith("prd_") ? catalog.product(ref) : catalog.published(ref).map(CatalogService.Details::product);
        return found.orElseThrow(() -> new ApiException(GatewayError.PRODUCT_NOT_FOUND, "no API product '" + ref + "'"));
    }

    /** The key from {@code Authorization: Bearer} or {@code X-Api-Key}; a malformed one is refused before any lookup. */
    private static String key(Exchange x) {
        String key = x.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip())
                .or(() -> x.header("X-Api-Key").map(String::strip)).orElse(null);
        if (key == null || key.isEmpty()) {
            throw new ApiException(GatewayError.KEY_MISSING, "no API key in the Authorization (Bearer) or X-Api-Key header");
        }
        if (!ApiKeyFormat.isWellFormed(key)) {
            throw new ApiException(GatewayError.KEY_INVALID, "the key does not have the shape or checksum of an API key");
        }
        return key;
    }

    private void refuseUnless(KeyVerifier.Answer a) {
        switch (a.code()) {
            case VALID -> { }
            case NOT_FOUND -> throw new ApiException(GatewayError.KEY_INVALID, "no such key for this product");
            case REVOKED -> throw new ApiException(GatewayError.KEY_REVOKED, "this key or its purchase is revoked");
            case SUSPENDED -> throw new ApiException(GatewayError.KEY_SUSPENDED, "this key is suspended; ask the seller");
            case EXPIRED -> throw new ApiException(GatewayError.KEY_EXPIRED, "this key or its purchase has expired");
            case RATE_LIMITED, QUOTA_EXCEEDED -> {
                long wait = a.reset() == null ? 1 : Math.max(1, (a.reset().toEpochMilli() - clock.millis() + 999) / 1000);
                GatewayError error = a.code() == KeyVerifier.Code.RATE_LIMITED ? GatewayError.RATE_LIMITED : GatewayError.QUOTA_EXCEEDED;
                throw new ApiException(error, error == GatewayError.RATE_LIMITED ? "the rate limit is reached; retry in " + wait + " s"
                        : "the quota of this period is used up; it resets in " + wait + " s", List.of(), wait);
            }
        }
    }

    /** The path after {@code /gw/{product}/}, still percent-encoded as the client sent it; empty for {@code /gw/{product}}. */
    static String rest(Exchange x) {
        String uri = x.raw().getRequestURI();
        int gw = uri.indexOf("/gw/");
        int slash = gw < 0 ? -1 : uri.indexOf('/', gw + 4);
        return slash < 0 ? "" : uri.substring(slash + 1);
    }

    /** The answer for a call not passed on: problem+json like every API error, with the rate headers and Retry-After. */
    private static void problem(Exchange x, ApiException e, Map<String, String> rateHeaders) {
        var raw = x.raw();
        if (raw.isResponseStarted()) {
            // part of an answer is out: closing is the only way to tell the client it is incomplete
            org.xnio.IoUtils.safeClose(raw.getConnection());
            return;
        }
        ErrorCode error = e.error();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "https://mintreu.dev/problems/" + error.code().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        body.put("title", error.title());
        body.put("status", error.status());
        body.put("detail", e.getMessage());
        body.put("code", error.code());
        body.put("instance", x.path());
        rateHeaders.forEach(x::header);
        if (e.retryAfterSeconds() != null) {
            x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        try {
            x.send(error.status(), "application/problem+json", Json.MAPPER.writeValueAsBytes(body));
        } catch (Exception failed) {
            raw.setStatusCode(error.status());
            raw.endExchange();
        }
    }
}
