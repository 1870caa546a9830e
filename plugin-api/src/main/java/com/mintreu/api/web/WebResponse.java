package com.mintreu.api.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link WebHandler} answers: status, headers and the whole body. The engine adds its
 * security headers; a plugin must not set {@code Set-Cookie} for the engine's session cookie.
 *
 * @param status  the HTTP status code
 * @param headers response headers, each with all its values
 * @param body    the body bytes, empty for none
 */
public record WebResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Checks the status range and copies the headers and body. */
    public WebResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** 200 with a {@code text/plain; charset=utf-8} body. */
    public static WebResponse text(String body) {
        return of(200, "text/plain; charset=utf-8", body);
    }

    /** 200 with a {@code text/html; charset=utf-8} body; the plugin must have escaped user input. */
    public static WebResponse html(String body) {
        return of(200, "text/html; charset=utf-8", body);
    }

    /** 200 with an {@code application/json} body that is already serialised JSON. */
    public static WebResponse json(String body) {
        return of(200, "application/json", body);
    }

    /** 303 See Other to {@code location} (absolute, or relative to the shop); the browser follows with a GET. */
    public static WebResponse redirect(String location) {
        return new WebResponse(303, Map.of("Location", List.of(location)), new byte[0]);
    }

    /** The same response with another status. */
    public WebResponse withStatus(int newStatus) {
        return new WebResponse(newStatus, headers, body);
    }

    /** The same response with {@code name: value} added to the headers. */
    public WebResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.merge(name, List.of(value), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        return new WebResponse(status, copy, body);
    }

    /** A copy of the body (records expose arrays by reference otherwise). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    private static WebResponse of(int status, String contentType, String body) {
        return new WebResponse(status, Map.of("Content-Type", List.of(contentType)), body.getBytes(StandardCharsets.UTF_8));
    }
}
