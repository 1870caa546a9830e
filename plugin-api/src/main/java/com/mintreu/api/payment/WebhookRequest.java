package com.mintreu.api.payment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A webhook call exactly as the engine received it at {@code POST /api/v1/webhooks/<gateway-id>},
 * before anything was trusted. Signatures are computed over the raw bytes, so the body is never
 * re-encoded.
 *
 * @param headers request headers, names lower-cased, each with all its values in order
 * @param body    the raw body bytes (the engine caps their size)
 */
public record WebhookRequest(Map<String, List<String>> headers, byte[] body) {

    /** Copies everything and lower-cases header names so lookups are case-insensitive. */
    public WebhookRequest {
        headers = headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue()),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        body = body == null ? new byte[0] : body.clone();
    }

    /** The first value of header {@code name}, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the raw body (records expose arrays by reference otherwise). */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
