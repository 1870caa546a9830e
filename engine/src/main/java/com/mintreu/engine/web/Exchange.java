package com.mintreu.engine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mintreu.engine.web.session.Session;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One request and its response, as handlers see it: parameters, a strictly parsed body, the
 * caller, and the ways to answer (JSON, a themed page, a redirect).
 */
public final class Exchange {

    private final HttpServerExchange raw;
    private final Map<String, String> pathParams;
    private final WebContext web;
    private Optional<Session> session;
    private Optional<Principal> principal;
    private Form form;

    Exchange(HttpServerExchange raw, Map<String, String> pathParams, WebContext web) {
        this.raw = raw;
        this.pathParams = pathParams;
        this.web = web;
    }

    public HttpServerExchange raw() {
        return raw;
    }

    public String method() {
        return raw.getRequestMethod().toString();
    }

    public String path() {
        return raw.getRequestPath();
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Map<String, String> pathParams() {
        return Map.copyOf(pathParams);
    }

    public Optional<String> query(String name) {
        Deque<String> values = raw.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(raw.getRequestHeaders().getFirst(name));
    }

    /** The peer address (the engine does not trust X-Forwarded-For unless a proxy setting says so). */
    public String clientIp() {
        return raw.getSourceAddress() == null ? "unknown" : raw.getSourceAddress().getAddress().getHostAddress();
    }

    /** API paths answer JSON and problem+json; everything else is a browser page. */
    public boolean isApi() {
        return path().startsWith("/api/");
    }

    // ---- request body ------------------------------------------------------------------

    /** The whole body, at most {@code server.maxBodyBytes}; larger bodies are a 413. */
    public byte[] bodyBytes() throws IOException {
        long max = web.maxBodyBytes();
        long declared = raw.getRequestContentLength();
        if (declared > max) {
            discardBody(declared, max);
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
        } catch (io.undertow.server.RequestTooBigException e) {
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the body is larger than the limit of " + max + " bytes");
        }
    }

    /**
     * Reads and drops a too-large body of moderate size before the 413 goes out. A server that
     * answers and closes while the client is still sending makes the client's kernel see a reset,
     * and the client loses the 413 itself; draining keeps the answer readable and the connection
     * reusable. Bodies beyond 16x the limit are not worth the bandwidth: the connection is closed.
     */
    private void discardBody(long declared, long max) throws IOException {
        long cap = Math.max(max * 16, 16L * 1024 * 1024);
        if (declared > cap) {
            return;
        }
        raw.setMaxEntitySize(declared);
        if (!raw.isBlocking()) {
            raw.startBlocking();
        }
        try (InputStream in = raw.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client gave up or lied about the length; the 413 below is still the answer
        }
    }

    /** Parses a JSON body into {@code type}; wrong content type, bad JSON, unknown or mistyped fields are 4xx. */
    public <T> T bodyJson(Class<T> type) throws IOException {
        String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            throw new ApiException(CommonError.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"
                    + (contentType.isEmpty() ? "" : ", not " + contentType.split(";")[0]));
        }
        byte[] body = bodyBytes();
        if (body.length == 0) {
            throw new ApiException(CommonError.MALFORMED_JSON, "the body is empty; expected a JSON object");
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
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
            throw ApiException.invalid(List.of(new ApiException.FieldError(field, "has the wrong type")));
        } catch (JsonProcessingException e) {
            throw new ApiException(CommonError.MALFORMED_JSON, "the body is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** A submitted HTML form, after its CSRF token was checked against the session. */
    public Form form() throws IOException {
        if (form == null) {
            String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!contentType.startsWith("application/x-www-form-urlencoded")) {
                throw new ApiException(CommonError.UNSUPPORTED_MEDIA_TYPE, "send the form as application/x-www-form-urlencoded");
            }
            Map<String, String> values = new LinkedHashMap<>();
            String body = new String(bodyBytes(), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    values.putIfAbsent(key, value);
                } catch (IllegalArgumentException e) {
                    throw new ApiException(CommonError.MALFORMED_REQUEST, "the form is not valid URL-encoding");
                }
            }
            web.csrf().verify(session(), values.get(Csrf.FIELD));
            form = new Form(values);
        }
        return form;
    }

    /**
     * The raw body as a stream, for uploads larger than {@code server.maxBodyBytes}: at most
     * {@code maxBytes}, checked against Content-Length up front and enforced by Undertow while
     * reading (a larger body fails the read, which the error mapper turns into a 413).
     */
    public InputStream uploadStream(long maxBytes) {
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

    /**
     * A {@code multipart/form-data} form whose files may each be up to {@code maxFileBytes}; files
     * are spooled to temporary files. The CSRF token is checked from the {@code _csrf} field, as
     * {@link #form()} does for URL-encoded forms.
     */
    public Multipart multipart(long maxFileBytes) throws IOException {
        String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("multipart/form-data")) {
            throw new ApiException(CommonError.UNSUPPORTED_MEDIA_TYPE, "send the form as multipart/form-data");
        }
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
        io.undertow.server.handlers.form.MultiPartParserDefinition multipart = new io.undertow.server.handlers.form.MultiPartParserDefinition();
        multipart.setFileSizeThreshold(0);
        multipart.setDefaultEncoding("UTF-8");
        multipart.setMaxIndividualFileSize(maxFileBytes);
        io.undertow.server.handlers.form.FormDataParser parser = io.undertow.server.handlers.form.FormParserFactory.builder(false)
                .addParsers(multipart).build().createParser(raw);
        if (parser == null) {
            throw new ApiException(CommonError.MALFORMED_REQUEST, "the multipart form has no boundary");
        }
        io.undertow.server.handlers.form.FormData data;
        try {
            data = parser.parseBlocking();
        } catch (io.undertow.server.RequestTooBigException | io.undertow.server.handlers.form.MultiPartParserDefinition.FileTooLargeException e) {
            throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the file is larger than the limit of " + maxFileBytes + " bytes");
        } catch (IOException e) {
            if (e.getCause() instanceof io.undertow.server.handlers.form.MultiPartParserDefinition.FileTooLargeException
                    || e.getCause() instanceof io.undertow.server.RequestTooBigException) {
                throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the file is larger than the limit of " + maxFileBytes + " bytes");
            }
            throw new ApiException(CommonError.MALFORMED_REQUEST, "the multipart form could not be read");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Multipart.FilePart> files = new LinkedHashMap<>();
        for (String name : data) {
            io.undertow.server.handlers.form.FormData.FormValue value = data.getFirst(name);
            if (value.isFileItem()) {
                if (value.getFileName() != null && !value.getFileName().isEmpty()) {
                    io.undertow.server.handlers.form.FormData.FileItem item = value.getFileItem();
                    String type = value.getHeaders() == null ? null : value.getHeaders().getFirst(Headers.CONTENT_TYPE);
                    files.put(name, new Multipart.FilePart(value.getFileName(), type, item.getFile(), item.getFileSize()));
                }
            } else {
                values.put(name, value.getValue());
            }
        }
        web.csrf().verify(session(), values.get(Csrf.FIELD));
        return new Multipart(new Form(values), files);
    }

    // ---- caller ---------------------------------------------------------------------------

    /** The browser session when the request carries a live one. */
    public Optional<Session> existingSession() {
        if (session == null) {
            Cookie cookie = raw.getRequestCookie(web.sessions().cookieName());
            session = cookie == null ? Optional.empty() : web.sessions().find(cookie.getValue());
        }
        return session;
    }

    /** The browser session, started (anonymous) when there is none yet. */
    public Session session() {
        return existingSession().orElseGet(() -> startSession(null));
    }

    /** Replaces the session with a new one for {@code userId} (or anonymous): login and logout rotate ids. */
    public Session startSession(String userId) {
        Optional<Session> previous = existingSession();
        previous.ifPresent(web.sessions()::destroy);
        Session.Started started = web.sessions().create(userId);
        setCookie(web.sessions().cookieName(), started.cookieValue(), web.sessions().cookieMaxAgeSeconds());
        session = Optional.of(started.session());
        principal = null;
        if (userId != null) {
            previous.ifPresent(p -> web.signInListeners().forEach(l -> l.signedIn(p, started.session())));
        }
        return started.session();
    }

    /** Ends the browser session and clears the cookie. */
    public void endSession() {
        existingSession().ifPresent(web.sessions()::destroy);
        setCookie(web.sessions().cookieName(), "", 0);
        session = Optional.empty();
        principal = Optional.empty();
    }

    /** The signed-in caller: an API token on API paths, else the session's user. */
    public Optional<Principal> principal() {
        if (principal == null) {
            Optional<String> bearer = header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(h -> h.substring(7).trim());
            if (bearer.isPresent()) {
                principal = web.principals().byApiToken(bearer.get());
                if (principal.isEmpty()) {
                    throw new ApiException(CommonError.UNAUTHENTICATED, "the API token is unknown or revoked");
                }
            } else {
                principal = existingSession().map(Session::userId).flatMap(web.principals()::byUserId);
            }
        }
        return principal;
    }

    /** The caller, or 401 (API) / a redirect to the login page (browser). */
    public Principal requireUser() {
        return principal().orElseThrow(() -> new ApiException(CommonError.UNAUTHENTICATED, "sign in to continue"));
    }

    /** The caller when they hold {@code role} (admins hold every role), else 403. */
    public Principal requireRole(String role) {
        Principal p = requireUser();
        if (!p.has(role) && !p.isAdmin()) {
            throw new ApiException(CommonError.FORBIDDEN, "this needs the " + role + " role");
        }
        return p;
    }

    // ---- response -----------------------------------------------------------------------

    public void json(int status, Object body) throws IOException {
        send(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    /**
     * Sends {@code body} as is. The bytes are final before any {@link ResponseSigner} sees them,
     * so a signature covers exactly what goes on the wire; signed responses also get a
     * {@code Date} header, as it is part of what is signed.
     */
    public void send(int status, String contentType, byte[] body) {
        sign(status, body, true);
        raw.setStatusCode(status);
        raw.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        raw.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
    }

    /**
     * Adds the headers of every signer that applies to this path. {@code strictNonce}: a nonce that
     * is too long or not printable ASCII is a 400 for a normal answer; the error path signs "" instead
     * (it is answering that very 400).
     */
    void sign(int status, byte[] body, boolean strictNonce) {
        List<ResponseSigner> signers = web.responseSigners().stream().filter(s -> s.appliesTo(path())).toList();
        if (signers.isEmpty()) {
            return;
        }
        String nonce = header(ResponseSigner.NONCE_HEADER).orElse("");
        if (!validNonce(nonce)) {
            if (strictNonce) {
                throw new ApiException(CommonError.MALFORMED_REQUEST, ResponseSigner.NONCE_HEADER + " must be 1 to "
                        + ResponseSigner.MAX_NONCE_LENGTH + " printable ASCII characters without spaces");
            }
            nonce = "";
        }
        String date = raw.getResponseHeaders().getFirst(Headers.DATE);
        if (date == null) {
            date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(web.clock().instant().atZone(java.time.ZoneOffset.UTC));
            raw.getResponseHeaders().put(Headers.DATE, date);
        }
        for (ResponseSigner signer : signers) {
            for (Map.Entry<String, String> h : signer.headers(status, date, body, nonce).entrySet()) {
                raw.getResponseHeaders().put(new HttpString(h.getKey()), h.getValue());
            }
        }
    }

    // visible ASCII only: the nonce is a line of the signed bytes, so it may hold no newline or space
    private static boolean validNonce(String nonce) {
        return nonce.length() <= ResponseSigner.MAX_NONCE_LENGTH && nonce.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    public void noContent() {
        raw.setStatusCode(204);
        raw.endExchange();
    }

    /** Renders a theme template with the page basics (caller, CSRF token) added to the model. */
    public void render(int status, String template, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        principal().ifPresent(p -> all.put("user", p));
        // Lazy: a session (a database row) is started only when the page really renders a form.
        all.put("csrf", new Object() {
            @Override
            public String toString() {
                return session().csrfToken();
            }
        });
        all.put("csrfField", Csrf.FIELD);
        all.put("path", path());
        raw.setStatusCode(status);
        raw.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        raw.getResponseSender().send(web.templates().render(template, all));
    }

    public void render(String template, Map<String, Object> model) {
        render(200, template, model);
    }

    /** 303 See Other: the browser follows with a GET, so a reload never resubmits a form. */
    public void redirect(String location) {
        raw.setStatusCode(303);
        raw.getResponseHeaders().put(Headers.LOCATION, location);
        raw.endExchange();
    }

    public void header(String name, String value) {
        raw.getResponseHeaders().put(new HttpString(name), value);
    }

    void setCookie(String name, String value, int maxAgeSeconds) {
        raw.setResponseCookie(new CookieImpl(name, value).setPath("/").setHttpOnly(true).setSameSiteMode("Lax")
                .setSecure(web.secureCookies()).setMaxAge(maxAgeSeconds));
    }
}
