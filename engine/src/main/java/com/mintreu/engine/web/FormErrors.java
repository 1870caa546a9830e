package com.mintreu.engine.web;

import com.mintreu.engine.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A page form that was not accepted, as the page shows it again: what was typed ({@code values}),
 * a message beside each field ({@code fields}, keyed by the form's input names) and a summary in the
 * form's own words ({@code messages}: "Price: must be ..."). Every page form re-renders this one way,
 * with the macros of {@code macros/forms.peb}, instead of replacing the form with an error page.
 *
 * @param form     which form of the page failed (a page may have several)
 * @param values   the submitted fields, to fill the inputs again
 * @param fields   input name to message
 * @param messages the summary lines, labelled with the form's labels (never an API field name)
 */
public record FormErrors(String form, Map<String, String> values, Map<String, String> fields, List<String> messages) {

    /** Failures that are about what was typed; sign-in, rights, missing things and server trouble keep their own page. */
    private static final Set<Integer> INPUT_STATUSES = Set.of(400, 409, 413, 415, 422);

    public FormErrors {
        values = Map.copyOf(values);
        fields = Map.copyOf(fields);
        messages = List.copyOf(messages);
    }

    /**
     * The form's errors from a failed call, or empty when the failure is not about the input (then the
     * caller rethrows it). {@code labels} maps the form's input names to their labels; {@code renames}
     * maps a service's field names to the form's input names where they differ (e.g. {@code priceMinor}
     * to {@code price}). A message without a field of this form is shown in the summary only, without a name.
     */
    public static Optional<FormErrors> from(ApiException e, String form, Map<String, String> typed, Map<String, String> labels,
            Map<String, String> renames) {
        if (!INPUT_STATUSES.contains(e.error().status())) {
            return Optional.empty();
        }
        List<FieldError> errors = e.fields().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.fields();
        return Optional.of(of(form, typed, errors.stream().map(f -> new FieldError(renames.getOrDefault(f.field(), f.field()), f.message())).toList(),
                labels));
    }

    /** The form's errors from field errors already named by the form's input names. */
    public static FormErrors of(String form, Map<String, String> typed, List<FieldError> errors, Map<String, String> labels) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        for (FieldError e : errors) {
            String label = labels.get(e.field());
            if (label == null) {
                messages.add(sentence(e.message()));
            } else {
                byField.merge(e.field(), e.message(), (a, b) -> a + "; " + b);
                messages.add(label + ": " + e.message());
            }
        }
        return new FormErrors(form, typed, byField, messages.stream().distinct().toList());
    }

    /** The model entry pages use: {@code forms.<form>}. */
    public Map<String, Object> model() {
        return Map.of("forms", Map.of(form, this));
    }

    private static String sentence(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
