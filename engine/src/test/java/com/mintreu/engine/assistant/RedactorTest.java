package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.db.Ids;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** What {@link Redactor} takes out of a question before it is searched or sent to an answerer, and what it leaves. */
class RedactorTest {

    @Test
    void removesEmailsIdsKeysNumbersAndLinkQueries() {
        String order = Ids.next("ord");
        String license = Ids.next("lic");
        String q = "I am jane.doe+shop@mail.example.co.uk, order " + order + " and license " + license
                + " with key ABCD-1234-EFGH-5678 and token mk_live_a1B2c3D4e5F6g7H8 and sk_test_51Mxyzabcdef0123."
                + " Call me at +43 660 1234567 or see https://shop.example/d/file.zip?sig=abc123&exp=99#x";

        String out = Redactor.redact(q);

        assertThat(out).doesNotContain("jane", "mail.example", order, license, "ABCD-1234", "mk_live", "a1B2c3", "sk_test",
                "1234567", "sig=", "abc123");
        assertThat(out).contains("I am [email], order [id] and license [id] with key [key] and token [key] and [key].",
                "Call me at [number]", "https://shop.example/d/file.zip");
    }

    @Test
    void leavesAnOrdinaryQuestionAlone() {
        String q = "How do I activate Photo Tool 2.1 on a second computer? It says error 403 after the update (macOS 14).";

        assertThat(Redactor.redact(q)).isEqualTo(q);
    }

    @Test
    void removesLongMixedTokensButNotLongWords() {
        assertThat(Redactor.redact("my key is 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b and it fails"))
                .isEqualTo("my key is [key] and it fails");
        assertThat(Redactor.redact("internationalization of the storefront")).isEqualTo("internationalization of the storefront");
    }

    @Property(tries = 200)
    void noEngineIdSurvives(@ForAll @AlphaChars @StringLength(min = 3, max = 3) String prefix, @ForAll @StringLength(max = 20) @AlphaChars String before) {
        String id = Ids.next(prefix.toLowerCase(java.util.Locale.ROOT));

        assertThat(Redactor.redact(before + " " + id + ", thanks")).doesNotContain(id.substring(4));
    }

    @Property(tries = 200)
    void noEmailSurvives(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String user, @ForAll @AlphaChars @StringLength(min = 1, max = 12) String domain) {
        String email = user + "." + user + "@" + domain + ".example";

        assertThat(Redactor.redact("write to " + email + " please")).isEqualTo("write to [email] please");
    }
}
