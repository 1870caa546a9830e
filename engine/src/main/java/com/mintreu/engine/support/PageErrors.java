package com.mintreu.engine.support;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.FormErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the support pages show a refused write: wrong input on the form (as every page form does),
 * and also the kill switch (503) and the rate limit (429) as a message on the form, so a customer
 * keeps what they typed and reads why.
 */
final class PageErrors {

    private PageErrors() {}

    static Optional<FormErrors> of(Exchange x, ApiException e, String form, Map<String, String> typed, Map<String, String> labels) {
        Optional<FormErrors> input = FormErrors.from(e, form, typed, labels, Map.of());
        if (input.isPresent()) {
            return input;
        }
        int status = e.error().status();
        if (status == 503 || status == 429) {
            if (e.retryAfterSeconds() != null) {
                x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            String message = status == 429 ? "You have sent a lot in a short time; please wait a little and try again." : e.getMessage();
            return Optional.of(FormErrors.of(form, typed, List.of(new FieldError("", message)), labels));
        }
        return Optional.empty();
    }
}
