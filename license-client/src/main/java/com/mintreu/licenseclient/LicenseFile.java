package com.mintreu.licenseclient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A license file whose signature verified and which is within its validity window.
 *
 * @param licenseId      the license it was made for
 * @param product        the product id
 * @param status         the license status when the file was made
 * @param licenseExpiry  the license's own expiry, empty when perpetual
 * @param entitlements   the policy's entitlements at issue
 * @param machine        the machine fingerprint a machine file is bound to, empty for a license file
 * @param issued         when the engine made the file
 * @param expiry         after this the file must be refused ({@code issued + ttl}, capped by the license's expiry)
 * @param payloadJson    the verified payload, for fields this client does not model
 */
public record LicenseFile(String licenseId, String product, String status, Optional<Instant> licenseExpiry, List<String> entitlements,
        Optional<String> machine, Instant issued, Instant expiry, String payloadJson) {}
