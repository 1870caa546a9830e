package com.mintreu.plugins.licenseshort;

import com.mintreu.api.license.IssuedKey;
import com.mintreu.api.license.KeyCheck;
import com.mintreu.api.license.LicenseClaims;
import com.mintreu.api.license.LicenseScheme;
import com.mintreu.api.license.PublicKeyInfo;
import java.security.SecureRandom;
import java.util.List;
import org.pf4j.Extension;

/**
 * Short keys a person can read out and type: 75 random bits and a checksum group (see
 * {@link Checksum}), no claims and no signature. A key proves nothing offline except that it was
 * not mistyped; the engine looks the license up by the exact key. Format: this plugin's README.md.
 */
@Extension
public final class ShortLicenseScheme implements LicenseScheme {

    /** The id the engine selects this scheme by. */
    public static final String ID = "license-short";
    /** Stands where a signing key id would be: the key format version, as keys are not signed. */
    static final String FORMAT_ID = "short-v1";

    private final SecureRandom random = new SecureRandom();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String keyFormatDescription() {
        return "XXXXX-XXXXX-XXXXX-XXXXX in Crockford base32 (no I, L, O, U); the last group is a checksum that rejects "
                + "any single typo or swapped pair offline. The key carries no data: the engine looks it up. Format: plugins/license-short/README.md.";
    }

    @Override
    public IssuedKey issue(LicenseClaims claims) {
        return new IssuedKey(ShortKeys.generate(random), FORMAT_ID, claims);
    }

    /** Checks the format and the checksum only; a passing key still has to be found by the engine. Never logs the key. */
    @Override
    public KeyCheck verify(String key) {
        int[] symbols = ShortKeys.parse(key);
        if (symbols == null) {
            return KeyCheck.malformed("format");
        }
        if (!Checksum.valid(symbols)) {
            return KeyCheck.malformed("checksum");
        }
        return new KeyCheck(true, true, false, FORMAT_ID, null, null);
    }

    /** No signing keys: short keys are random, not signed. */
    @Override
    public List<PublicKeyInfo> publicKeys() {
        return List.of();
    }
}
