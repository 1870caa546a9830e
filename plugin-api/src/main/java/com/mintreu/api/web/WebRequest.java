package com.mintreu.api.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a plugin sees it: already read in full (the engine caps body size) and
 * immutable.
 *
 * @param method     upper-case HTTP method
 * @param path       the path relative to {@code /plugins/<plugin-id>/}, without a leading slash
 * @param pathParams values of the {@code {name}} segments of the route, URL-decoded
 * @param query      query parameters, URL-decoded, each with all its values in order
 * @param headers    request headers with lower-case names
 * @param body       the raw body, empty when there is none
 */
public record WebRequest(
        String method,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body) {

    /** Copies the maps and lower-cases header names so the record cannot change under the plugin. */
    public WebRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        headers = lowerCased(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of header {@code name}, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A copy of the raw body (records expose arrays by reference otherwise). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> out.merge(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return Map.copyOf(out);
    }
}
