package com.mintreu.plugins.productapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The demo upstream's answers are JSON whatever the text holds, and the quote changes with the day. */
class DemoUpstreamTest {

    @Test
    void quotesAreValidJsonAndChangeDaily() {
        String monday = new String(DemoUpstream.quote(LocalDate.of(2026, 12, 7)).body(), java.nio.charset.StandardCharsets.UTF_8);
        String tuesday = new String(DemoUpstream.quote(LocalDate.of(2026, 12, 8)).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(monday).startsWith("{\"day\":\"2026-12-07\",\"quote\":\"").contains("\"author\":\"");
        assertThat(monday).isNotEqualTo(tuesday.replace("2026-12-08", "2026-12-07"));
    }

    @Test
    void stringsAreEscaped() {
        assertThat(DemoUpstream.json("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    }
}
