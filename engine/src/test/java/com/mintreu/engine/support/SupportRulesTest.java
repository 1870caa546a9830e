package com.mintreu.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.helpdesk.TicketStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules without a database: the status table, the median of the figures, how an attachment's type is recognised. */
class SupportRulesTest {

    @TempDir
    Path dir;

    @Test
    void theStatusTable() {
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(s.canMoveTo(s)).as("%s to itself", s).isFalse();
            assertThat(s.canMoveTo(TicketStatus.OPEN)).as("nothing goes back to open").isFalse();
            assertThat(TicketStatus.CLOSED.canMoveTo(s)).as("closed is final").isFalse();
            assertThat(TicketStatus.from(s)).allSatisfy(f -> assertThat(f.canMoveTo(s)).isTrue());
        }
        assertThat(TicketStatus.SOLVED.canMoveTo(TicketStatus.WAITING_ON_SELLER)).as("a customer's reply reopens").isTrue();
        assertThat(TicketStatus.of("waiting_on_seller").label()).isEqualTo("waiting on seller");
    }

    @Property
    void theMedianHasAsManyValuesAtOrBelowItAsAtOrAbove(@ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0, max = 1_000_000_000L) Long> values) {
        long median = SupportFigures.median(values);
        long below = values.stream().filter(v -> v <= median).count();
        long above = values.stream().filter(v -> v >= median).count();
        assertThat(below * 2).isGreaterThanOrEqualTo(values.size());
        assertThat(above * 2).isGreaterThanOrEqualTo(values.size());
    }

    @Test
    void figuresAsPeopleReadThem() {
        assertThat(SupportFigures.median(new ArrayList<>())).isNull();
        assertThat(SupportFigures.text(null)).isEqualTo("—");
        assertThat(SupportFigures.text(4 * 60_000L)).isEqualTo("4 min");
        assertThat(SupportFigures.text(125 * 60_000L)).isEqualTo("2 h 5 min");
        assertThat(SupportFigures.text((3 * 24 + 4) * 3_600_000L)).isEqualTo("3 d 4 h");
    }

    @Test
    void anAttachmentIsRecognisedByItsContent() throws IOException {
        assertThat(Attachments.sniff(file(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1}))).hasValue("image/png");
        assertThat(Attachments.sniff(file(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}))).hasValue("image/jpeg");
        assertThat(Attachments.sniff(file("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)))).hasValue("application/pdf");
        assertThat(Attachments.sniff(file("grüße <script>x</script>\r\n\ttab".getBytes(StandardCharsets.UTF_8)))).hasValue("text/plain");
        assertThat(Attachments.sniff(file(new byte[] {'M', 'Z', (byte) 0x90, 0}))).as("an executable").isEmpty();
        assertThat(Attachments.sniff(file(new byte[] {'a', 0, 'b'}))).as("binary with a NUL").isEmpty();
        assertThat(Attachments.sniff(file(new byte[] {'a', (byte) 0xc3}))).as("broken UTF-8").isEmpty();
        byte[] long8 = "é".repeat(40_000).getBytes(StandardCharsets.UTF_8); // the 64 KiB sample ends inside a character
        assertThat(Attachments.sniff(file(long8))).hasValue("text/plain");
    }

    private Upload file(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "up", ".bin");
        Files.write(p, bytes);
        return new Upload("f", p, bytes.length);
    }
}
