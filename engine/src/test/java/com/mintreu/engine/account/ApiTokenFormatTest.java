package com.mintreu.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenFormatTest {

    @Test
    void generatedTokensAreWellFormedAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String token = ApiTokenFormat.generate();
            assertThat(token).hasSize(ApiTokenFormat.LENGTH).startsWith("mk_live_");
            assertThat(ApiTokenFormat.isWellFormed(token)).as(token).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void everySingleCharacterTypoIsCaught() {
        String token = ApiTokenFormat.generate();
        for (int i = ApiTokenFormat.PREFIX.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            String typo = token.substring(0, i) + (c == 'x' ? 'y' : 'x') + token.substring(i + 1);
            assertThat(ApiTokenFormat.isWellFormed(typo)).as("typo at " + i).isFalse();
        }
        String swapped = token.substring(0, 8) + token.charAt(9) + token.charAt(8) + token.substring(10);
        assertThat(swapped.equals(token) || !ApiTokenFormat.isWellFormed(swapped)).isTrue();
    }

    @Test
    void wrongShapesAreRejected() {
        String token = ApiTokenFormat.generate();
        assertThat(ApiTokenFormat.isWellFormed(null)).isFalse();
        assertThat(ApiTokenFormat.isWellFormed("")).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(token.substring(1))).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(token + "0")).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(token.replace("mk_live_", "mk_test_"))).isFalse();
        assertThat(ApiTokenFormat.isWellFormed(token.substring(0, 20) + "-" + token.substring(21))).isFalse();
    }
}
