package com.mintreu.engine.license.file;

import com.mintreu.engine.security.Tokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for license file payloads, keyed by what the licensed software already holds: the
 * license key (and, for a machine file, the machine's fingerprint), so only that software reads it.
 * Output: 12-byte random nonce, then ciphertext and 16-byte tag; no associated data.
 */
final class FileCipher {

    private static final int NONCE_BYTES = 12;

    private FileCipher() {}

    /** SHA-256 of the UTF-8 license key, or of {@code key + "\n" + fingerprint} for a machine file. */
    static byte[] key(String licenseKey, String fingerprint) {
        String material = fingerprint == null ? licenseKey : licenseKey + "\n" + fingerprint;
        try {
            return MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encrypt(byte[] key, byte[] plain) {
        try {
            byte[] nonce = Tokens.randomBytes(NONCE_BYTES);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a license file", e);
        }
    }

    /** The inverse of {@link #encrypt}; throws {@link GeneralSecurityException} for a wrong key or altered bytes. */
    static byte[] decrypt(byte[] key, byte[] data) throws GeneralSecurityException {
        if (data.length < NONCE_BYTES + 16) {
            throw new GeneralSecurityException("too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, data, 0, NONCE_BYTES));
        return c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    }
}
