package com.mintreu.engine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reading request bodies strictly, within limits: raw bytes, JSON, URL-encoded and multipart forms,
 * streamed uploads. Every failure is an {@link ApiException} with a 4xx code, never a 500.
 */
final class RequestBodies {

    private RequestBodies() {}

    static void requireContentType(Exchange x, String expected, String hint) {
        String contentType = x.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith(expected)) {
            throw new ApiException(CommonError.UNSUPPORTED_MEDIA_TYPE, hint
                    + (contentType.isEmpty() || expected.equals("application/x-www-form-urlencoded") || expected.startsWith("multipart")
                            ? "" : ", not " + contentType.split(";")[0]));
        }
    }

    static byte[] bytes(HttpServerExchange raw, long max) throws IOException {
        long declared = raw.getRequestContentLength();
        if (declared > max) {
            discard(raw, declared, max);
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the body is " + declared + " bytes; the limit is " + max);
        }
        if (!raw.isBlocking()) {
            raw.startBlocking();
        }
        try (InputStream in = raw.getInputStream()) {
            byte[] body = in.readNBytes((int) max + 1);
            if (body.length > max) {
                throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the body is larger than the limit of " + max + " bytes");
            }
            return body;
        } catch (RequestTooBigException e) {
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the body is larger than the limit of " + max + " bytes");
        }
    }

    /**
     * Reads and drops a too-large body of moderate size before the 413 goes out. A server that
     * answers and closes while the client is still sending makes the client's kernel see a reset,
     * and the client loses the 413 itself; draining keeps the answer readable and the connection
     * reusable. Bodies beyond 16x the limit are not worth the bandwidth: the connection is closed.
     */
    private static void discard(HttpServerExchange raw, long declared, long max) {
        long cap = Math.max(max * 16, 16L * 1024 * 1024);
        if (declared > cap) {
            return;
        }
        raw.setMaxEntitySize(declared);
        if (!raw.isBlocking()) {
            raw.startBlocking();
        }
        try (InputStream in = raw.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client gave up or lied about the length; the 413 is still the answer
        }
    }

    static <T> T json(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ApiException(CommonError.MALFORMED_JSON, "the body is empty; expected a JSON object");
        }
        try {
            // As a tree first, so every string and field name is checked before any handler sees it.
            JsonNode tree = Json.MAPPER.readTree(body);
            requireStorableText(tree, "");
            T value = Json.MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new ApiException(CommonError.MALFORMED_JSON, "expected a JSON object, got null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(CommonError.UNKNOWN_FIELD, "unknown field '" + e.getPropertyName() + "'",
                    List.of(new ApiException.FieldError(e.getPropertyName(), "is not a field of this request")), null);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            if (field.isEmpty()) {
                throw new ApiException(CommonError.MALFORMED_JSON, "expected a JSON object");
            }
            boolean fraction = e instanceof InvalidFormatException f && (f.getValue() instanceof Double || f.getValue() instanceof java.math.BigDecimal
                    || f.getValue() instanceof Float);
            throw ApiException.invalid(List.of(new ApiException.FieldError(field, fraction ? "must be a whole number" : "has the wrong type")));
        } catch (JsonProcessingException e) {
            throw new ApiException(CommonError.MALFORMED_JSON, "the body is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ApiException(CommonError.MALFORMED_JSON, "the body could not be read as JSON");
        }
    }

    private static void requireStorableText(JsonNode node, String path) {
        if (node.isTextual()) {
            StoredText.require(path.isEmpty() ? "the body" : path, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireStorableText(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                StoredText.require("field name", field.getKey());
                requireStorableText(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        }
    }

    /** {@code application/x-www-form-urlencoded}: the first value of a repeated name wins. */
    static Map<String, String> urlEncoded(byte[] bytes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                StoredText.require("form field name", key);
                StoredText.require(key, value);
                values.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new ApiException(CommonError.MALFORMED_REQUEST, "the form is not valid URL-encoding");
            }
        }
        return values;
    }

    static InputStream upload(HttpServerExchange raw, long maxBytes) {
        long declared = raw.getRequestContentLength();
        if (declared > maxBytes) {
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the upload is " + declared + " bytes; the limit is " + maxBytes);
        }
        raw.setMaxEntitySize(maxBytes);
        if (!raw.isBlocking()) {
            raw.startBlocking();
        }
        return raw.getInputStream();
    }

    /** A multipart form with its files spooled to temporary files; the caller checks CSRF. */
    static Multipart multipart(HttpServerExchange raw, long maxFileBytes) throws IOException {
        // room for the other fields and the part headers on top of the file itself
        long maxTotal = maxFileBytes + 64 * 1024;
        long declared = raw.getRequestContentLength();
        if (declared > maxTotal) {
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the upload is " + declared + " bytes; the limit is " + maxFileBytes);
        }
        raw.setMaxEntitySize(maxTotal);
        if (!raw.isBlocking()) {
            raw.startBlocking();
        }
        MultiPartParserDefinition definition = new MultiPartParserDefinition();
        definition.setFileSizeThreshold(0);
        definition.setDefaultEncoding("UTF-8");
        definition.setMaxIndividualFileSize(maxFileBytes);
        FormDataParser parser = FormParserFactory.builder(false).addParsers(definition).build().createParser(raw);
        if (parser == null) {
            throw new ApiException(CommonError.MALFORMED_REQUEST, "the multipart form has no boundary");
        }
        FormData data;
        try {
            data = parser.parseBlocking();
        } catch (RequestTooBigException | MultiPartParserDefinition.FileTooLargeException e) {
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the file is larger than the limit of " + maxFileBytes + " bytes");
        } catch (IOException e) {
            if (e.getCause() instanceof MultiPartParserDefinition.FileTooLargeException || e.getCause() instanceof RequestTooBigException) {
                throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the file is larger than the limit of " + maxFileBytes + " bytes");
            }
            throw new ApiException(CommonError.MALFORMED_REQUEST, "the multipart form could not be read");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Multipart.FilePart> files = new LinkedHashMap<>();
        for (String name : data) {
            FormData.FormValue value = data.getFirst(name);
            if (value.isFileItem()) {
                if (value.getFileName() != null && !value.getFileName().isEmpty()) {
                    FormData.FileItem item = value.getFileItem();
                    String type = value.getHeaders() == null ? null : value.getHeaders().getFirst(Headers.CONTENT_TYPE);
                    files.put(name, new Multipart.FilePart(value.getFileName(), type, item.getFile(), item.getFileSize()));
                }
            } else {
                StoredText.require(name, value.getValue());
                values.put(name, value.getValue());
            }
        }
        return new Multipart(new Form(values), files);
    }
}
