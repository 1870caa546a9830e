package com.mintreu.plugins.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What reaches the search syntax (only words) and what a reader sees in an excerpt (no markup). */
class PlainTextTest {

    @Test
    void termsAreWordsOnlyWhateverIsTyped() {
        assertThat(PlainText.terms("\"Refund\" AND -license* NEAR(a b) title:café ü")).containsExactly("refund", "and", "license", "near", "a", "b",
                "title", "café", "ü");
        assertThat(PlainText.terms("\" * - ( ) ^ : ' \\ % _ {} [] | &")).isEmpty();
        assertThat(PlainText.terms(null)).isEmpty();
        assertThat(PlainText.terms("a a a b")).containsExactly("a", "b");
        assertThat(PlainText.terms("w ".repeat(100) + "x y z 1 2 3 4 5 6 7 8 9 10 11 12 13")).hasSize(12);
        assertThat(PlainText.terms("x".repeat(41) + " ok")).containsExactly("ok");
    }

    @Test
    void randomTextNeverYieldsAnythingButLowerCaseLettersAndDigits() {
        Random random = new Random(20261204);
        String syntax = "\"*-():^'\\ ANDORNEAR";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                s.appendCodePoint(random.nextInt(4) == 0 ? syntax.codePointAt(random.nextInt(syntax.length())) : random.nextInt(0x3000));
            }
            List<String> terms = PlainText.terms(s.toString());
            assertThat(terms).as(s.toString()).hasSizeLessThanOrEqualTo(12)
                    .allSatisfy(t -> assertThat(t).matches("[\\p{L}\\p{N}]{1,40}").isEqualTo(t.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void plainTextDropsMarkupAndKeepsWhatAReaderSees() {
        assertThat(PlainText.of("## Refunds\n\nAsk **within** _14 days_ on [the order page](https://shop/x).\n\n- one\n- `two`\n<script>x()</script>"))
                .isEqualTo("Refunds Ask within 14 days on the order page. one two x()");
        assertThat(PlainText.of(null)).isEmpty();
    }

    @Test
    void anExcerptShowsTheMatchWithSomeTextBeforeIt() {
        String text = "Lorem ipsum dolor sit amet. ".repeat(20) + "Refunds reach you in five to ten days. " + "Tail words here. ".repeat(20);
        String excerpt = PlainText.excerpt(text, List.of("refund"));
        assertThat(excerpt).startsWith("…").endsWith("…").contains("Refunds reach you").hasSizeLessThanOrEqualTo(242);
        assertThat(excerpt.indexOf("Refunds")).isBetween(30, 80);
        assertThat(PlainText.excerpt("Short answer.", List.of("nothing"))).isEqualTo("Short answer.");
        assertThat(PlainText.excerpt("word ".repeat(100), List.of("absent"))).startsWith("word").endsWith("…").hasSizeLessThanOrEqualTo(241);
    }
}
