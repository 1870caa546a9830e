package com.mintreu.engine.license.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** The JDK's Ed25519, and the few encodings published keys need. */
final class Ed25519 {

    /** X.509 SubjectPublicKeyInfo DER of an Ed25519 key is this 12-byte prefix and the raw 32-byte key (RFC 8410). */
    static final int SPKI_PREFIX_LENGTH = 12;

    private Ed25519() {}

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The raw 32-byte public key, as JWK {@code x} carries it. */
    static byte[] raw(byte[] spkiDer) {
        return Arrays.copyOfRange(spkiDer, SPKI_PREFIX_LENGTH, spkiDer.length);
    }

    /**
     * A key id from the public key itself: the first 12 bytes of its SHA-256, base64url. Stable,
     * needs no counter, and two nodes that generate at once cannot pick the same id for different keys.
     */
    static String kid(byte[] spkiDer) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(spkiDer);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
