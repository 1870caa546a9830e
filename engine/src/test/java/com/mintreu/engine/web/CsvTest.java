package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting, CRLF records, formula guarding and a safe file name. */
class CsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() {
        String out = new Csv().row(List.of("period", "units")).row(Arrays.asList("a,b", "say \"hi\"", "two\nlines", 42L, null)).toString();
        assertThat(out).isEqualTo("period,units\r\n\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",42,\r\n");
    }

    @Test
    void textThatASpreadsheetWouldRunIsGuardedButNumbersAreNot() {
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field("+1")).isEqualTo("'+1");
        assertThat(Csv.field("-1")).isEqualTo("'-1");
        assertThat(Csv.field("@sum")).isEqualTo("'@sum");
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(new Csv().row(List.of(-5L)).toString()).isEqualTo("-5\r\n");
    }

    @Test
    void theDownloadNameCannotBreakTheHeader() {
        assertThat(Csv.attachment("usage-ent_1-day.csv")).isEqualTo("attachment; filename=\"usage-ent_1-day.csv\"");
        assertThat(Csv.attachment("a\"b\r\nc.csv")).isEqualTo("attachment; filename=\"a_b__c.csv\"");
    }
}
