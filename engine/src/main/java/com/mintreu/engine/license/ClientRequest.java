package com.mintreu.engine.license;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A license client's request, read by hand from the JSON tree rather than bound to a record: any
 * JSON that is not what the endpoint expects is answered 200 with code MALFORMED and a detail
 * naming the field, never with a 4xx a client library might turn into an exception.
 * Scope fields come from {@code scope} on validate and at the top level on the machine and user endpoints.
 * {@code user} (a seat holder: an email or account name) is trimmed; it compares case-insensitively.
 */
record ClientRequest(String key, String nonce, String fingerprint, String product, List<String> entitlements, String version, String name,
        String platform, String hostname, Integer cores, String user) {

    static final int MAX_NONCE = 128;
    static final int MAX_FINGERPRINT = 256;
    static final int MAX_NAME = 255;
    static final int MAX_PLATFORM = 64;
    static final int MAX_VERSION = 64;
    static final int MAX_PRODUCT = 64;
    static final int MAX_USER = 255;

    /** Input that is JSON but not a valid request; the message is the detail shown to the client. */
    static final class Malformed extends Exception {
        Malformed(String detail) {
            super(detail, null, false, false);
        }
    }

    /** What each endpoint accepts at the top level; {@code scope} only on validate. */
    enum Shape {
        VALIDATE(Set.of("key", "nonce", "scope")),
        ACTIVATE(Set.of("key", "nonce", "fingerprint", "name", "platform", "hostname", "cores")),
        MACHINE(Set.of("key", "nonce", "fingerprint")),
        KEY_ONLY(Set.of("key", "nonce")),
        USER(Set.of("key", "nonce", "user"));

        final Set<String> fields;

        Shape(Set<String> fields) {
            this.fields = fields;
        }
    }

    private static final Set<String> SCOPE = Set.of("fingerprint", "product", "entitlements", "version", "user");

    /** The nonce alone, so even a malformed request gets its nonce echoed when it had a good one. */
    static String nonceOf(JsonNode body) {
        JsonNode n = body.path("nonce");
        return n.isTextual() && n.asText().length() <= MAX_NONCE ? n.asText() : null;
    }

    static ClientRequest parse(JsonNode body, Shape shape) throws Malformed {
        if (!body.isObject()) {
            throw new Malformed("the body must be a JSON object");
        }
        unknown(body, shape.fields, "");
        String key = text(body, "key", LicenseService.MAX_KEY_LENGTH, true);
        String nonce = text(body, "nonce", MAX_NONCE, false);
        JsonNode scope = body.path("scope");
        if (shape == Shape.VALIDATE && !scope.isMissingNode() && !scope.isNull()) {
            if (!scope.isObject()) {
                throw new Malformed("scope must be an object");
            }
            unknown(scope, SCOPE, "scope.");
            return new ClientRequest(key, nonce, text(scope, "fingerprint", MAX_FINGERPRINT, false), text(scope, "product", MAX_PRODUCT, false),
                    entitlements(scope.path("entitlements")), text(scope, "version", MAX_VERSION, false), null, null, null, null,
                    user(scope, "scope.user", false));
        }
        if (shape == Shape.USER) {
            return new ClientRequest(key, nonce, null, null, List.of(), null, null, null, null, null, user(body, "user", true));
        }
        boolean machine = shape == Shape.ACTIVATE || shape == Shape.MACHINE;
        String fingerprint = shape == Shape.VALIDATE ? null : text(body, "fingerprint", MAX_FINGERPRINT, machine);
        if (shape != Shape.ACTIVATE) {
            return new ClientRequest(key, nonce, fingerprint, null, List.of(), null, null, null, null, null, null);
        }
        JsonNode cores = body.path("cores");
        Integer c = null;
        if (!cores.isMissingNode() && !cores.isNull()) {
            if (!cores.isIntegralNumber() || !cores.canConvertToInt() || cores.asInt() < 1 || cores.asInt() > 1024) {
                throw new Malformed("cores must be an integer from 1 to 1024");
            }
            c = cores.asInt();
        }
        return new ClientRequest(key, nonce, fingerprint, null, List.of(), null, text(body, "name", MAX_NAME, false),
                text(body, "platform", MAX_PLATFORM, false), text(body, "hostname", MAX_NAME, false), c, null);
    }

    private static void unknown(JsonNode node, Set<String> allowed, String prefix) throws Malformed {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            String field = it.next().getKey();
            if (!allowed.contains(field)) {
                throw new Malformed("unknown field '" + prefix + cut(field) + "'");
            }
        }
    }

    private static String text(JsonNode node, String field, int max, boolean required) throws Malformed {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new Malformed(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Malformed(field + " must be a string");
        }
        String s = v.asText();
        if (s.isBlank() || s.length() > max) {
            throw new Malformed(field + " must be 1 to " + max + " characters");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new Malformed(field + " must not contain control characters");
        }
        return s;
    }

    /**
     * A seat holder's name, trimmed: 1 to {@value #MAX_USER} characters, no control characters.
     * {@code label} names the field in the detail ({@code user} or {@code scope.user}).
     */
    private static String user(JsonNode node, String label, boolean required) throws Malformed {
        JsonNode v = node.path("user");
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new Malformed(label + " is required (an email or account name)");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Malformed(label + " must be a string (an email or account name)");
        }
        String s = v.asText().strip();
        if (s.isEmpty() || s.length() > MAX_USER) {
            throw new Malformed(label + " must be 1 to " + MAX_USER + " characters, not counting leading and trailing spaces");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new Malformed(label + " must not contain control characters");
        }
        return s;
    }

    private static List<String> entitlements(JsonNode v) throws Malformed {
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > PolicyInput.MAX_ENTITLEMENTS) {
            throw new Malformed("scope.entitlements must be an array of at most " + PolicyInput.MAX_ENTITLEMENTS + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : v) {
            if (!n.isTextual() || n.asText().isEmpty() || n.asText().length() > PolicyInput.MAX_ENTITLEMENT_LENGTH) {
                throw new Malformed("scope.entitlements holds strings of 1 to " + PolicyInput.MAX_ENTITLEMENT_LENGTH + " characters");
            }
            out.add(n.asText());
        }
        return out;
    }

    /** Field names come from the network: echo at most a short, printable prefix. */
    private static String cut(String s) {
        String p = s.replaceAll("[^\\p{Print}]", "?");
        return p.length() <= 40 ? p : p.substring(0, 40) + "…";
    }
}
