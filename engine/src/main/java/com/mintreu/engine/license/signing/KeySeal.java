package com.mintreu.engine.license.signing;

import com.mintreu.engine.security.Tokens;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys at rest with AES-256-GCM: a database dump alone does not sign licenses. The
 * key id is the associated data, so a sealed key copied onto another row does not open.
 */
final class KeySeal {

    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec key;

    KeySeal(byte[] key256) {
        this.key = new SecretKeySpec(key256, "AES");
    }

    String seal(String kid, byte[] plain) {
        try {
            byte[] nonce = Tokens.randomBytes(NONCE_BYTES);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(Ed25519.utf8(kid));
            byte[] sealed = c.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a signing key", e);
        }
    }

    byte[] open(String kid, String sealedBase64) {
        try {
            byte[] all = Base64.getDecoder().decode(sealedBase64);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            c.updateAAD(Ed25519.utf8(kid));
            return c.doFinal(Arrays.copyOfRange(all, NONCE_BYTES, all.length));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a changed master secret lands here; say so without any key material
            throw new IllegalStateException("cannot open signing key " + kid + ": was security.secret changed?", e);
        }
    }
}
