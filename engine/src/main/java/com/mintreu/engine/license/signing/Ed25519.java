package com.mintreu.engine.license.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 keys in the JDK's encodings (PKCS#8 stored, X.509 published), signing with BouncyCastle:
 * every license API response is signed, and the JDK's pure-Java Ed25519 takes ~650 us a signature
 * on our reference box where BouncyCastle takes ~40 us (it keeps the public key it derived).
 */
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

    /** A PKCS#8-encoded private key, ready to sign. */
    static Ed25519PrivateKeyParameters privateKey(byte[] pkcs8) throws GeneralSecurityException {
        EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("the private key has no seed bytes"));
        return new Ed25519PrivateKeyParameters(seed);
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
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
