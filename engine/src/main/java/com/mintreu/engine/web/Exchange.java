package com.mintreu.engine.web;

import com.mintreu.engine.web.session.Session;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private String visitorToken;
    /** The body when the router already read it (on the IO thread, for a {@link FromMemory} answer), else null. */
    private final byte[] body;

    Exchange(HttpServerExchange raw, Map<String, String> pathParams, WebContext web) {
        this(raw, pathParams, web, null);
    }

    Exchange(HttpServerExchange raw, Map<String, String> pathParams, WebContext web, byte[] body) {
        this.raw = raw;
        this.pathParams = pathParams;
        this.web = web;
        this.body = body;
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

    /** The client's address: the peer, or the client a trusted proxy names (see {@link ClientAddress}). */
    public String clientIp() {
        return raw.getSourceAddress() == null ? "unknown" : raw.getSourceAddress().getAddress().getHostAddress();
    }

    /** API paths (and the API gateway's, {@code /gw/}) answer JSON and problem+json; everything else is a browser page. */
    public boolean isApi() {
        return path().startsWith("/api/") || path().startsWith("/gw/");
    }

    // ---- request body (parsing lives in RequestBodies) ----------------------------------------

    /** The whole body, at most {@code server.maxBodyBytes}; larger bodies are a 413. */
    public byte[] bodyBytes() throws IOException {
        if (body != null) {
            if (body.length > web.maxBodyBytes()) {
                throw new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the body is " + body.length + " bytes; the limit is " + web.maxBodyBytes());
            }
            return body;
        }
        return RequestBodies.bytes(raw, web.maxBodyBytes());
    }

    /** Parses a JSON body into {@code type}; wrong content type, bad JSON, unknown or mistyped fields are 4xx. */
    public <T> T bodyJson(Class<T> type) throws IOException {
        RequestBodies.requireContentType(this, "application/json", "send the body as application/json");
        return RequestBodies.json(bodyBytes(), type);
    }

    /** A submitted HTML form, after its CSRF token was checked against the session. */
    public Form form() throws IOException {
        if (form == null) {
            RequestBodies.requireContentType(this, "application/x-www-form-urlencoded", "send the form as application/x-www-form-urlencoded");
            Map<String, String> values = RequestBodies.urlEncoded(bodyBytes());
            web.csrf().verifyForm(existingSession(), visitorCookie(), values.get(Csrf.FIELD));
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
        return RequestBodies.upload(raw, maxBytes);
    }

    /**
     * A {@code multipart/form-data} form whose files may each be up to {@code maxFileBytes}; files
     * are spooled to temporary files. The CSRF token is checked from the {@code _csrf} field, as
     * {@link #form()} does for URL-encoded forms.
     */
    public Multipart multipart(long maxFileBytes) throws IOException {
        RequestBodies.requireContentType(this, "multipart/form-data", "send the form as multipart/form-data");
        Multipart parsed = RequestBodies.multipart(raw, maxFileBytes);
        web.csrf().verifyForm(existingSession(), visitorCookie(), parsed.fields().get(Csrf.FIELD).orElse(null));
        return parsed;
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

    /** The token this request's forms carry: the session's, else the visitor cookie's (set here when missing). */
    public String csrfToken() {
        Optional<Session> current = existingSession();
        if (current.isPresent()) {
            return current.get().csrfToken();
        }
        if (visitorToken == null) {
            visitorToken = visitorCookie().orElseGet(() -> {
                String fresh = com.mintreu.engine.security.Tokens.random(32);
                setCookie(Csrf.VISITOR_COOKIE, fresh, web.sessions().cookieMaxAgeSeconds());
                return fresh;
            });
        }
        return visitorToken;
    }

    private Optional<String> visitorCookie() {
        Cookie cookie = raw.getRequestCookie(Csrf.VISITOR_COOKIE);
        return Csrf.visitorToken(cookie == null ? null : cookie.getValue());
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
                principal = web.principals().byApiToken(bearer.get()).map(p -> p.from(clientIp()));
                if (principal.isEmpty()) {
                    throw new ApiException(CommonError.UNAUTHENTICATED, "the API token is unknown or revoked");
                }
            } else {
                principal = existingSession().map(Session::userId).flatMap(web.principals()::byUserId).map(p -> p.from(clientIp()));
            }
        }
        return principal;
    }

    /**
     * For a {@link FromMemory} answer: the caller behind the request's API token when this node
     * remembers it and they hold {@code role} (admins hold every role), without reading or writing the
     * database; empty otherwise (a session, an unknown token, a token not seen lately, a missing role),
     * and the worker's {@link #requireRole} then gives the full answer.
     */
    public Optional<Principal> rememberedCaller(String role) {
        String auth = header("Authorization").orElse("");
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return web.principals().rememberedApiToken(auth.substring(7).trim()).map(p -> p.from(clientIp()))
                .filter(p -> p.has(role) || p.isAdmin());
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

    /** A 204; signed like any answer on a signed path (over the empty body). */
    public void noContent() {
        sign(204, new byte[0], true);
        raw.setStatusCode(204);
        raw.endExchange();
    }

    /** Renders a theme template with the page basics (caller, CSRF token) added to the model. */
    public void render(int status, String template, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        principal().ifPresent(p -> all.put("user", p));
        // Lazy: read only when the page renders a form; a visitor without a session gets a cookie
        // token rather than a session row (see Csrf).
        all.put("csrf", new Object() {
            @Override
            public String toString() {
                return csrfToken();
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

    /**
     * Lets this page's forms lead to {@code origins} as well as to the shop (CSP {@code form-action}):
     * only for pages whose form redirects to a payment provider's hosted page.
     *
     * @throws IllegalArgumentException when an entry is not a bare http(s) origin
     */
    public void allowFormActions(java.util.Collection<String> origins) {
        raw.getResponseHeaders().put(SecurityHeaders.CSP_HEADER, SecurityHeaders.csp(origins));
    }

    public void header(String name, String value) {
        raw.getResponseHeaders().put(new HttpString(name), value);
    }

    /**
     * Written as the header itself, with Max-Age and no Expires: Undertow's cookie writer formats an
     * Expires date for every cookie with a maximum age, which was 5% of a first-visit product page
     * (its "Add to cart" form mints the visitor's token). Every browser in use reads Max-Age. Values
     * are base64url tokens or empty, so nothing needs quoting; a second cookie of the same name in
     * one response replaces the first.
     */
    public void setCookie(String name, String value, int maxAgeSeconds) {
        HeaderValues set = raw.getResponseHeaders().get(Headers.SET_COOKIE);
        if (set != null) {
            set.removeIf(v -> v.startsWith(name + "="));
        }
        raw.getResponseHeaders().add(Headers.SET_COOKIE, name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + (web.secureCookies() ? "; Secure" : "") + "; HttpOnly; SameSite=Lax");
    }
}
