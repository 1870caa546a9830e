package com.mintreu.api.license;

import com.mintreu.api.Extension;
import java.util.List;

/**
 * How license keys look, how they are signed and how they are checked offline.
 *
 * <p>The engine owns licenses (policies, activations, machines) and asks a scheme only to turn
 * claims into a signed key or file and back. A scheme keeps its signing keys to itself (its own
 * config or table, private keys never leaving the plugin), publishes the public halves with a key
 * id in every artifact, and keeps old keys verifiable after rotation. Its format, and the exact
 * bytes it signs, must be documented so any implementation of the algorithm can verify offline.
 * Called through the engine's dispatcher; calls must be fast and must not do network I/O.
 */
public interface LicenseScheme extends Extension {

    /**
     * One or two sentences a seller or a client developer reads: what a key looks like and where
     * its exact format is documented. Constant; must not do work.
     */
    String keyFormatDescription();

    /**
     * Signs {@code claims} with the scheme's current signing key. Called once per license the
     * engine creates (after payment, or by an admin); the engine stores the result.
     *
     * @throws LicenseException when no key can be signed (no signing key, claims too long to encode)
     */
    IssuedKey issue(LicenseClaims claims);

    /**
     * Checks a key offline: format, signature against every published key, expiry. Called for
     * every license validation, with input straight from the network: must never throw, must
     * reject over-long input before decoding it, and must not log the key.
     */
    KeyCheck verify(String key);

    /**
     * The public keys that verify this scheme's keys, current and retired, each with its key id.
     * Published by the engine for offline verification. Must not include private material.
     */
    List<PublicKeyInfo> publicKeys();

    /**
     * The license file for an issued key, for software that reads a file instead of a typed key.
     * Called when a buyer downloads their license. Default: unsupported.
     */
    default LicenseFile licenseFile(IssuedKey key) {
        throw new UnsupportedOperationException(id() + " has no license file format");
    }
}
