package com.mintreu.engine.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.web.ApiException;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void emailsAreTrimmedLowerCasedAndValidated() {
        Checks c = new Checks();
        assertThat(c.email("email", "  Ada@Example.COM ")).isEqualTo("ada@example.com");
        assertThat(c.ok()).isTrue();
        for (String bad : new String[] {"", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@example.com\u0000",
                "x".repeat(250) + "@e.co"}) {
            Checks one = new Checks();
            assertThat(one.email("email", bad)).as(bad).isNull();
            assertThat(one.ok()).as(bad).isFalse();
        }
    }

    @Test
    void passwordStrengthRules() {
        assertThat(Checks.weakness("correct horse battery", "ada@example.com")).isNull();
        assertThat(Checks.weakness("short", null)).contains("at least 10");
        assertThat(Checks.weakness("zzzzzzzzzzzz", null)).contains("repeat");
        assertThat(Checks.weakness("Password123", null)).contains("common");
        assertThat(Checks.weakness("ada@example.com", "ada@example.com")).contains("email");
        assertThat(Checks.weakness("adalovelace", "adalovelace@example.com")).contains("email");
    }

    @Test
    void onlyAWeakPasswordIsWeakPasswordOtherwiseValidationFailed() {
        Checks weak = new Checks();
        weak.newPassword("password", "short", null);
        assertThatThrownBy(weak::throwIfAny).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().code()).isEqualTo("WEAK_PASSWORD"));
        Checks both = new Checks();
        both.email("email", "nope");
        both.newPassword("password", "short", null);
        assertThatThrownBy(both::throwIfAny).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().code()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.fields()).hasSize(2);
        });
    }

    @Test
    void textRejectsControlCharactersAndOverLongValues() {
        Checks c = new Checks();
        assertThat(c.line("name", "a\u0000b", 1, 80)).isNull();
        assertThat(c.line("other", "x".repeat(81), 1, 80)).isNull();
        assertThat(c.paragraph("about", "line one\nline two", 1, 80)).isEqualTo("line one\nline two");
    }
}
