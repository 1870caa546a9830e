package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.mintreu.engine.license.OpenApiChecker;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A walk through {@code /api/v1} checked against the OpenAPI document: each call names the status
 * it expects, its concrete path is mapped to the documented operation (method and path template),
 * and the answer must match that operation's documented response for the status (media type and
 * schema). An operation counts as walked once it answered 2xx and matched. {@link #assertComplete()}
 * then fails on every schema difference seen and on every documented operation never walked, so a
 * newly documented route fails the walk until the walk reaches it.
 */
final class ApiWalk {

    /** A documented operation: {@code "POST /api/v1/orders/{id}/cancel"}. */
    private record Operation(String method, String template, String[] segments) {
        String name() {
            return method + " " + template;
        }

        /** How many segments are literal: the most literal template wins ({@code /licenses/keys} over {@code /licenses/{id}}). */
        int literals() {
            int n = 0;
            for (String s : segments) {
                n += s.startsWith("{") ? 0 : 1;
            }
            return n;
        }

        boolean matches(String method, String[] path) {
            if (!this.method.equals(method) || path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                if (path[i].isEmpty() || (!segments[i].startsWith("{") && !segments[i].equals(path[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The keys of a path item that are operations (the others: summary, parameters...). */
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final OpenApiChecker checker;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, String> notAnswerable;
    private final Set<String> walked = new TreeSet<>();
    private final List<String> differences = new ArrayList<>();

    /**
     * A walk over {@code doc}; {@code notAnswerable} maps an operation ({@code "POST /api/v1/..."}) that
     * truly cannot answer 2xx in a test to the reason why, and the completeness check leaves it out.
     */
    ApiWalk(JsonNode doc, Map<String, String> notAnswerable) {
        this.checker = new OpenApiChecker(doc, false);
        this.notAnswerable = new TreeMap<>(notAnswerable);
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    operations.add(new Operation(m.toUpperCase(Locale.ROOT), p.getKey(), p.getKey().substring(1).split("/", -1)));
                }
            });
        }
        for (String op : this.notAnswerable.keySet()) {
            if (operations.stream().noneMatch(o -> o.name().equals(op))) {
                throw new IllegalArgumentException("not a documented operation: " + op);
            }
        }
    }

    Response get(TestClient c, String path, int status) {
        return check("GET", path, status, c.get(path));
    }

    /** A POST without a body, as an action button sends it. */
    Response post(TestClient c, String path, int status) {
        return check("POST", path, status, c.post(path, null, ""));
    }

    Response post(TestClient c, String path, Object json, int status) {
        return check("POST", path, status, c.postJson(path, json));
    }

    Response put(TestClient c, String path, Object json, int status) {
        return check("PUT", path, status, c.putJson(path, json));
    }

    Response delete(TestClient c, String path, int status) {
        return check("DELETE", path, status, c.delete(path));
    }

    /**
     * Checks an answer to {@code method path} (concrete, query allowed) that the caller sent itself.
     * A wrong status throws at once (what follows would build on it); a schema difference is kept,
     * so one run lists every difference between the document and the answers.
     */
    Response check(String method, String path, int status, Response r) {
        Operation op = operation(method, path);
        if (r.status() != status) {
            throw new AssertionError(op.name() + " (" + path + "): expected " + status + ", got " + r.status() + " " + r.body());
        }
        List<String> errors = conformance(op, status, r);
        if (errors.isEmpty()) {
            if (status / 100 == 2) {
                walked.add(op.name());
            }
        } else {
            differences.add(op.name() + " " + status + " (" + path + "): " + errors + " in " + r.body());
        }
        return r;
    }

    /** The documented operation {@code method path} is an instance of; the most literal template wins. */
    String template(String method, String path) {
        return operation(method, path).template();
    }

    private Operation operation(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String[] segments = bare.substring(1).split("/", -1);
        Operation best = null;
        for (Operation o : operations) {
            if (o.matches(method, segments) && (best == null || o.literals() > best.literals())) {
                best = o;
            }
        }
        if (best == null) {
            throw new AssertionError("no documented operation for " + method + " " + bare);
        }
        return best;
    }

    /** What in {@code r} differs from the documented response of {@code op} for {@code status}; empty when it matches. */
    private List<String> conformance(Operation op, int status, Response r) {
        String method = op.method().toLowerCase(Locale.ROOT);
        JsonNode documented;
        try {
            documented = checker.response(op.template(), method, status);
        } catch (AssertionError e) {
            return List.of(e.getMessage());
        }
        if (!documented.has("content")) {
            return r.body().isEmpty() ? List.of() : List.of("documented without a body, answered one");
        }
        String type = r.header("Content-Type") == null ? "" : r.header("Content-Type").split(";")[0].trim();
        if (!documented.get("content").has(type)) {
            return List.of("answered " + type + ", documented " + fieldNames(documented.get("content")));
        }
        JsonNode value;
        try {
            value = type.endsWith("json") ? r.json() : TextNode.valueOf(r.body());
        } catch (AssertionError e) {
            return List.of(e.getMessage());
        }
        return checker.check(checker.responseSchema(op.template(), method, status, type), value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Documented operations not yet answered 2xx with a matching answer (and not allowed to be missing). */
    Set<String> notWalked() {
        Set<String> missing = new TreeSet<>();
        for (Operation o : operations) {
            if (!walked.contains(o.name()) && !notAnswerable.containsKey(o.name())) {
                missing.add(o.name());
            }
        }
        return missing;
    }

    /** Answers that did not match the document. */
    List<String> differences() {
        return differences;
    }

    /** Fails listing every answer that differed from the document and every documented operation the walk did not reach. */
    void assertComplete() {
        Map<String, Object> problems = new LinkedHashMap<>();
        if (!differences.isEmpty()) {
            problems.put("answers that differ from /api/v1/openapi.json", String.join("\n  ", differences));
        }
        Set<String> missing = notWalked();
        if (!missing.isEmpty()) {
            problems.put("documented operations never answered 2xx with a matching answer (walk them in ApiWalkTest)",
                    String.join("\n  ", missing));
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder();
            problems.forEach((k, v) -> message.append(k).append(":\n  ").append(v).append('\n'));
            throw new AssertionError(message.toString());
        }
    }
}
