package com.mintreu.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The API key format: shape, checksum, and that typos are caught before any lookup. */
class ApiKeyFormatTest {

    @Test
    void aKeyIsThePrefixFortyRandomCharactersAndAChecksum() {
        String key = ApiKeyFormat.generate();
        assertThat(key).hasSize(54).startsWith("mk_live_").matches("mk_live_[0-9A-Za-z]{46}");
        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
        assertThat(ApiKeyFormat.displayPrefix(key)).isEqualTo(key.substring(0, 14));
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ApiKeyFormat.generate())).isTrue();
        }
    }

    @Test
    void rejectsWhatIsNotAKey() {
        String key = ApiKeyFormat.generate();
        assertThat(ApiKeyFormat.isWellFormed(null)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.substring(0, 53))).as("truncated").isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key + "x")).as("extended").isFalse();
        assertThat(ApiKeyFormat.isWellFormed(" " + key.substring(1))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("mk_test_" + key.substring(8))).as("another prefix").isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.substring(0, 20) + "-" + key.substring(21))).as("not base62").isFalse();
        // a personal API token has the same prefix but is 46 characters: never mistaken for a key
        assertThat(ApiKeyFormat.isWellFormed("mk_live_" + "a".repeat(38))).isFalse();
    }

    @Property(tries = 500)
    void everyGeneratedKeyIsWellFormed(@ForAll("keys") String key) {
        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
    }

    @Property(tries = 2000)
    void anyOneCharacterTypoIsRejected(@ForAll("keys") String key, @ForAll @IntRange(min = 8, max = 53) int at,
            @ForAll @IntRange(min = 1, max = 61) int shift) {
        char original = key.charAt(at);
        char typo = ApiKeyFormat.BASE62.charAt((ApiKeyFormat.BASE62.indexOf(original) + shift) % 62);
        String typed = key.substring(0, at) + typo + key.substring(at + 1);
        assertThat(ApiKeyFormat.isWellFormed(typed)).as("%s with %s at %d", key, typo, at).isFalse();
    }

    @Property(tries = 2000)
    void swappingTwoNeighboursOfTheRandomPartIsRejected(@ForAll("keys") String key, @ForAll @IntRange(min = 8, max = 46) int at) {
        char a = key.charAt(at);
        char b = key.charAt(at + 1);
        if (a == b) {
            return; // the same key
        }
        String swapped = key.substring(0, at) + b + a + key.substring(at + 2);
        assertThat(ApiKeyFormat.isWellFormed(swapped)).isFalse();
    }

    @Property(tries = 1000)
    void theChecksumIsSixBase62CharactersOfTheRandomPart(@ForAll("randomParts") String random) {
        String checksum = ApiKeyFormat.checksum(random);
        assertThat(checksum).matches("[0-9A-Za-z]{6}");
        assertThat(ApiKeyFormat.isWellFormed("mk_live_" + random + checksum)).isTrue();
    }

    @Provide
    Arbitrary<String> keys() {
        // keys made the way the engine makes them, a new one for every try
        return Arbitraries.randomValue(random -> ApiKeyFormat.generate());
    }

    @Provide
    Arbitrary<String> randomParts() {
        return Arbitraries.strings().withChars(ApiKeyFormat.BASE62.toCharArray()).ofLength(40);
    }
}
