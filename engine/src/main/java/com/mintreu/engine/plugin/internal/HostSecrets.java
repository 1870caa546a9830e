package com.mintreu.engine.plugin.internal;

import com.mintreu.api.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives a plugin's keys: HMAC-SHA256(master secret, "mintreu-plugin-key" 0 pluginId 0 purpose).
 * The zero bytes keep ("ab", "c") and ("a", "bc") apart; the label keeps these keys apart from
 * any other use of the master secret in the engine.
 */
public final class HostSecrets implements Secrets {

    private static final String LABEL = "mintreu-plugin-key";

    private final SecretKeySpec master;
    private final String pluginId;

    public HostSecrets(byte[] masterSecret, String pluginId) {
        this.master = new SecretKeySpec(masterSecret, "HmacSHA256");
        this.pluginId = pluginId;
    }

    @Override
    public byte[] key(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a key purpose must not be blank");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(master);
            return mac.doFinal((LABEL + '\0' + pluginId + '\0' + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Secrets[" + pluginId + "]";
    }
}
