package com.mintreu.engine.license.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * One Ed25519 key of a scope. {@code privateKey} is held only for the active key the engine signs
 * with; verification needs only {@code publicKeyDer}. Times are epoch ms.
 */
record SigningKey(String kid, String scope, byte[] publicKeyDer, Ed25519PrivateKeyParameters privateKey, long createdAt, Long retiredAt, Long expiresAt) {}
