package com.mintreu.engine.webhook;

import com.mintreu.engine.security.Secrets;
import com.mintreu.engine.security.Tokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Endpoint secrets at rest: AES-256-GCM under a key derived from the master secret, with the
 * endpoint id as associated data (a sealed secret copied onto another endpoint does not open). The
 * engine must sign with the secret, so a hash would not do; a database dump alone does not sign.
 */
@Singleton
final class SecretSeal {

    private static final int NONCE = 12;
    private final Secrets secrets;
    private volatile SecretKeySpec key;

    @Inject
    SecretSeal(Secrets secrets) {
        this.secrets = secrets;
    }

    String seal(String endpointId, String secret) {
        try {
            byte[] nonce = Tokens.randomBytes(NONCE);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    String open(String endpointId, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, NONCE));
            c.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(Arrays.copyOfRange(all, NONCE, all.length)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot open the secret of webhook endpoint " + endpointId + ": was security.secret changed?", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(secrets.derive("seller-webhook-secrets"), "AES");
            key = k;
        }
        return k;
    }
}
