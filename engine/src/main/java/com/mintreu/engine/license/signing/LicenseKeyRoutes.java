package com.mintreu.engine.license.signing;

import com.mintreu.api.license.LicenseScheme;
import com.mintreu.api.license.PublicKeyInfo;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published verification keys: {@code GET /api/v1/licenses/keys} as a JWK Set (RFC 7517,
 * OKP keys per RFC 8037), one key as PEM for openssl, and an admin's rotation.
 */
final class LicenseKeyRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(LicenseKeyRoutes.class);

    private final LicenseSigningKeys keys;
    private final PluginHost host;

    @Inject
    LicenseKeyRoutes(LicenseSigningKeys keys, PluginHost host) {
        this.keys = keys;
        this.host = host;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/licenses/keys", x -> x.json(200, Map.of("keys", all().stream().map(LicenseKeyRoutes::jwk).toList())));
        router.get("/api/v1/licenses/keys/{kid}/pem", x -> {
            PublishedKey key = find(x.pathParam("kid"));
            x.send(200, "application/x-pem-file", key.pem().getBytes(StandardCharsets.US_ASCII));
        });
        router.post("/api/v1/admin/licenses/keys/{scope}/rotate", x -> {
            var admin = x.requireRole("admin");
            String scope = x.pathParam("scope");
            if (!LicenseSigningKeys.validScope(scope)) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("scope", "must be 'engine' or a product id (prd_...)")));
            }
            String retired = keys.rotate(scope, admin);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("scope", scope);
            body.put("retiredKid", retired);
            x.json(200, body);
        });
    }

    /**
     * The engine's keys, then the keys license schemes publish for their own keys (scope = the
     * scheme id), so a client has one place to fetch every key a license artifact names.
     */
    private List<PublishedKey> all() {
        List<PublishedKey> all = new ArrayList<>(keys.published());
        for (LicenseScheme scheme : host.extensions(LicenseScheme.class)) {
            try {
                for (PublicKeyInfo k : host.call(scheme, "publicKeys", LicenseScheme::publicKeys)) {
                    if ("Ed25519".equalsIgnoreCase(k.algorithm())) {
                        all.add(new PublishedKey(k.keyId(), scheme.id(), Base64.getDecoder().decode(k.publicKeyBase64()), null, null));
                    }
                }
            } catch (RuntimeException e) {
                // one broken scheme must not take the others' keys (or the engine's) offline
                LOG.warn("license scheme {} could not list its public keys: {}", scheme.id(), e.toString());
            }
        }
        return all;
    }

    private PublishedKey find(String kid) {
        return all().stream().filter(k -> k.kid().equals(kid)).findFirst()
                .orElseThrow(() -> ApiException.notFound("signing key " + kid));
    }

    static Map<String, Object> jwk(PublishedKey k) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", k.kid());
        jwk.put("x", k.x());
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        jwk.put("mintreu:scope", k.scope());
        if (k.expiresAt() != null) {
            jwk.put("mintreu:retiredAt", k.retiredAt());
            jwk.put("mintreu:expiresAt", k.expiresAt());
        }
        return jwk;
    }
}
