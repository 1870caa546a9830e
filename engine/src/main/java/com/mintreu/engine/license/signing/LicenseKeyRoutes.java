package com.mintreu.engine.license.signing;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * The published verification keys: {@code GET /api/v1/licenses/keys} as a JWK Set (RFC 7517,
 * OKP keys per RFC 8037), one key as PEM for openssl, and an admin's rotation.
 */
final class LicenseKeyRoutes implements Routes {

    private final LicenseSigningKeys keys;

    @Inject
    LicenseKeyRoutes(LicenseSigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/licenses/keys", x -> x.json(200, Map.of("keys", keys.published().stream().map(LicenseKeyRoutes::jwk).toList())));
        router.get("/api/v1/licenses/keys/{kid}/pem", x -> {
            PublishedKey key = find(x.pathParam("kid"));
            x.send(200, "application/x-pem-file", key.pem().getBytes(StandardCharsets.US_ASCII));
        });
        router.post("/api/v1/admin/licenses/keys/{scope}/rotate", x -> {
            x.requireRole("admin");
            String scope = x.pathParam("scope");
            if (!LicenseSigningKeys.validScope(scope)) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("scope", "must be 'engine' or a product id (prd_...)")));
            }
            String retired = keys.rotate(scope);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("scope", scope);
            body.put("retiredKid", retired);
            x.json(200, body);
        });
    }

    private PublishedKey find(String kid) {
        return keys.published().stream().filter(k -> k.kid().equals(kid)).findFirst()
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
