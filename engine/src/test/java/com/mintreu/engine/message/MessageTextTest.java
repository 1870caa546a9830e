package com.mintreu.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The text rule of subjects, bodies and reasons: stripped, 1 to max characters, no control characters but line breaks in bodies. */
class MessageTextTest {

    private static List<FieldError> errors(String field, String given, int max, boolean multiline) {
        List<FieldError> errors = new ArrayList<>();
        MessageService.text(field, given, max, multiline, errors);
        return errors;
    }

    @Test
    void limitsAndLineBreaks() {
        assertThat(errors("body", "  hello\r\nworld\t!  ", 4000, true)).isEmpty();
        List<FieldError> none = new ArrayList<>();
        assertThat(MessageService.text("body", "  hello\r\nworld  ", 4000, true, none)).isEqualTo("hello\nworld");
        assertThat(errors("subject", "two\nlines", 120, false)).extracting(FieldError::field).containsExactly("subject");
        assertThat(errors("body", "bell\u0007", 4000, true)).hasSize(1);
        assertThat(errors("body", " \n\t ", 4000, true)).hasSize(1);
        assertThat(errors("body", null, 4000, true)).hasSize(1);
        assertThat(errors("subject", "x".repeat(120), 120, false)).isEmpty();
        assertThat(errors("subject", "x".repeat(121), 120, false)).hasSize(1);
        assertThat(errors("body", "<script>alert(1)</script>", 4000, true)).as("markup is text, escaped when shown").isEmpty();
    }

    @Property
    void acceptedTextIsStrippedWithinTheLimitAndFreeOfControls(@ForAll @StringLength(max = 200) String given) {
        List<FieldError> errors = new ArrayList<>();
        String t = MessageService.text("body", given, 100, true, errors);
        if (errors.isEmpty()) {
            assertThat(t).isNotEmpty().hasSizeLessThanOrEqualTo(100).isEqualTo(t.strip());
            assertThat(t.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t')).isEmpty();
        } else {
            assertThat(errors).singleElement().extracting(FieldError::field).isEqualTo("body");
        }
    }
}
