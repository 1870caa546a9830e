package com.mintreu.plugins.licenseshort;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.license.IssuedKey;
import com.mintreu.api.license.KeyCheck;
import com.mintreu.api.license.LicenseClaims;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortLicenseSchemeTest {

    final ShortLicenseScheme scheme = new ShortLicenseScheme();
    final LicenseClaims claims = new LicenseClaims("lic_1", "prd_1", "usr_1", Instant.parse("2026-01-01T00:00:00Z"), null);

    @Test
    void keysHaveTheDocumentedShapeAndVerify() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            IssuedKey issued = scheme.issue(claims);
            assertThat(issued.key()).matches("[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}");
            assertThat(issued.keyId()).isEqualTo("short-v1");
            KeyCheck check = scheme.verify(issued.key());
            assertThat(check.valid()).isTrue();
            assertThat(check.claims()).as("short keys carry no claims").isNull();
            assertThat(seen.add(issued.key())).isTrue();
        }
    }

    /** Property: for random keys, every one-symbol change anywhere (checksum group too) is rejected as a checksum error. */
    @Test
    void everySingleSymbolTypoIsRejected() {
        for (int n = 0; n < 200; n++) {
            String key = ShortKeys.generate(new SecureRandom());
            for (int pos = 0; pos < key.length(); pos++) {
                if (key.charAt(pos) == '-') {
                    continue;
                }
                for (char c : ShortKeys.ALPHABET.toCharArray()) {
                    if (c == key.charAt(pos)) {
                        continue;
                    }
                    String typo = key.substring(0, pos) + c + key.substring(pos + 1);
                    assertThat(scheme.verify(typo).problem()).as(typo).isEqualTo("checksum");
                }
            }
        }
    }

    /** Property: swapping any two different symbols, adjacent or not, across groups too, is rejected. */
    @Test
    void everySwapOfTwoSymbolsIsRejected() {
        for (int n = 0; n < 300; n++) {
            char[] key = ShortKeys.generate(new SecureRandom()).toCharArray();
            for (int i = 0; i < key.length; i++) {
                for (int j = i + 1; j < key.length; j++) {
                    if (key[i] == '-' || key[j] == '-' || key[i] == key[j]) {
                        continue;
                    }
                    char[] swapped = key.clone();
                    swapped[i] = key[j];
                    swapped[j] = key[i];
                    assertThat(scheme.verify(new String(swapped)).problem()).as(new String(swapped)).isEqualTo("checksum");
                }
            }
        }
    }

    @Test
    void onlyTheCanonicalFormIsAccepted() {
        String key = scheme.issue(claims).key();
        assertThat(scheme.verify(key.toLowerCase()).problem()).isEqualTo("format");
        assertThat(scheme.verify(key.replace("-", "")).problem()).isEqualTo("format");
        assertThat(scheme.verify(" " + key).problem()).isEqualTo("format");
        assertThat(scheme.verify(key.replace('-', ' ')).problem()).isEqualTo("format");
        assertThat(scheme.verify(key.substring(0, 22) + "I").problem()).as("I is not in the alphabet").isEqualTo("format");
        assertThat(scheme.verify(null).wellFormed()).isFalse();
        assertThat(scheme.verify("").wellFormed()).isFalse();
        assertThat(scheme.verify("x".repeat(100_000)).problem()).isEqualTo("format");
        assertThat(scheme.verify("MK1.abc.def").wellFormed()).isFalse();
        assertThat(scheme.publicKeys()).isEmpty();
    }

    @Test
    void theAllZeroKeyIsACodewordSoTheCheckIsNotOnlyAboutZeros() {
        assertThat(scheme.verify("00000-00000-00000-00000").valid()).isTrue();
        assertThat(scheme.verify("00000-00000-00000-00001").problem()).isEqualTo("checksum");
    }
}
