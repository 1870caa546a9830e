package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Talks to a Mintreu engine's license API the way its README-signatures.md says a client should:
 * a fresh nonce per request, the {@code Mintreu-Signature} verified over the exact body bytes with
 * the engine key from the published JWK Set before anything is parsed, the echoed nonce checked, the
 * {@code Date} checked against the local clock. The last verified answer per key and scope (user
 * included) is kept (in memory, and in a file when configured) and returned with {@code stale = true}
 * while the server cannot be reached. The machine and seat actions and check-in are verified the same
 * way but never cached: they are writes, and an unreachable server is an exception. Thread-safe.
 *
 * <pre>{@code
 * LicenseClient client = LicenseClient.builder().baseUrl("https://shop.example").cacheFile(dir.resolve("license.cache")).build();
 *
 * // first start: take a machine slot (idempotent: ALREADY_ACTIVATED when this fingerprint holds one)
 * MachineInfo me = Machines.describeThisMachine().withName("Office laptop");
 * MachineAction a = client.activate(key, fp, me);
 * if (a.code().equals("TOO_MANY_MACHINES")) showMachines(client.machines(key).machines()); // let the user free one
 * else if (!a.ok()) refuse(a.code());
 *
 * // every start
 * Validation v = client.validate(key, Scope.NONE.withFingerprint(fp));
 * if (!v.valid()) refuse(v.code());
 *
 * // a seat-limited license (policy maxUsers): claim a seat when a user signs in (idempotent:
 * // ALREADY_SEATED when they hold one), validate with the user, release it when they leave
 * SeatAction s = client.claimSeat(key, "ann@example.com");
 * if (s.code().equals("TOO_MANY_USERS")) showSeats(client.seats(key).seats()); // let an admin free one
 * Validation u = client.validate(key, Scope.NONE.withFingerprint(fp).withUser("ann@example.com"));
 * client.releaseSeat(key, "ann@example.com");
 *
 * // while running, within the policy's heartbeatSeconds / checkInSeconds
 * if (client.heartbeat(key, fp).code().equals("HEARTBEAT_DEAD")) client.activate(key, fp, me);
 * client.checkIn(key);
 *
 * // on uninstall
 * client.deactivate(key, fp);
 * }</pre>
 */
public final class LicenseClient {

    static final String VALIDATE = "/api/v1/licenses/validate";
    static final String KEYS = "/api/v1/licenses/keys";
    static final String ACTIVATE = "/api/v1/licenses/machines/activate";
    static final String DEACTIVATE = "/api/v1/licenses/machines/deactivate";
    static final String HEARTBEAT = "/api/v1/licenses/machines/heartbeat";
    static final String LIST = "/api/v1/licenses/machines/list";
    static final String CHECK_IN = "/api/v1/licenses/check-in";
    static final String USER_ADD = "/api/v1/licenses/users/add";
    static final String USER_REMOVE = "/api/v1/licenses/users/remove";
    static final String USER_LIST = "/api/v1/licenses/users/list";

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final AnswerTrust trust;
    private final AnswerCache cache;

    private LicenseClient(Builder b) {
        this.base = b.baseUrl == null ? null : URI.create(b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl);
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.trust = new AnswerTrust(b.jwks == null ? null : PublicKeys.parse(b.jwks, json), this::fetchKeys, b.maxSkew, b.clock, json);
        this.cache = new AnswerCache(b.cacheFile, json);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates {@code key} within {@code scope} online. Returns the server's verified answer, or, when
     * the server cannot be reached, the last verified answer for the same key and scope (the same user,
     * fingerprint, ...) marked stale.
     *
     * @throws LicenseClientException UNREACHABLE or RATE_LIMITED without a cached answer; BAD_SIGNATURE, NONCE_MISMATCH,
     *     CLOCK_SKEW, UNKNOWN_KEY or MALFORMED when the answer cannot be trusted (never replaced by the cache:
     *     a forged answer is not an outage)
     */
    public Validation validate(String key, Scope scope) {
        Objects.requireNonNull(key, "key");
        Scope s = scope == null ? Scope.NONE : scope;
        String nonce = nonce();
        ObjectNode body = json.createObjectNode();
        body.put("key", key);
        if (!s.isEmpty()) {
            ObjectNode sc = body.putObject("scope");
            putIf(sc, "fingerprint", s.fingerprint());
            putIf(sc, "product", s.product());
            putIf(sc, "version", s.version());
            if (s.entitlements() != null) {
                s.entitlements().forEach(sc.putArray("entitlements")::add);
            }
            putIf(sc, "user", s.user());
        }
        body.put("nonce", nonce);
        String cacheKey = AnswerCache.keyOf(key, body.path("scope").toString());
        SignedAnswer answer;
        try {
            answer = post(VALIDATE, body.toString(), nonce);
        } catch (IOException e) {
            return cache.get(cacheKey).map(c -> Answers.validation(trust.verified(c, false)).asStale())
                    .orElseThrow(() -> new LicenseClientException(LicenseClientException.Reason.UNREACHABLE, base + VALIDATE + ": " + e, e));
        }
        Validation v;
        try {
            v = Answers.validation(fresh(answer, nonce));
        } catch (LicenseClientException e) {
            if (e.reason() != LicenseClientException.Reason.RATE_LIMITED) {
                throw e;
            }
            // a verified refusal to answer now is an outage for this app, not a verdict: the last answer stands
            return cache.get(cacheKey).map(c -> Answers.validation(trust.verified(c, false)).asStale()).orElseThrow(() -> e);
        }
        cache.put(cacheKey, answer);
        return v;
    }

    /**
     * Activates this machine on the license: takes one of the policy's machine slots for
     * {@code fingerprint}. Activating a fingerprint that holds a slot answers {@code ALREADY_ACTIVATED}
     * (ok), so retrying after a timeout is safe. Other codes: {@code TOO_MANY_MACHINES},
     * {@code ACTIVATION_RATE_LIMITED}, a license-level code, {@code MALFORMED}.
     *
     * @param fingerprint what identifies the machine to your app, 1 to 256 characters
     * @param machine     what the customer will see about it; {@link MachineInfo#NONE} for nothing
     * @throws LicenseClientException UNREACHABLE (the action may or may not have happened), or BAD_SIGNATURE,
     *     NONCE_MISMATCH, CLOCK_SKEW, UNKNOWN_KEY, MALFORMED when the answer cannot be trusted
     */
    public MachineAction activate(String key, String fingerprint, MachineInfo machine) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return Answers.action(act(ACTIVATE, key, body -> {
            body.put("fingerprint", fingerprint);
            (machine == null ? MachineInfo.NONE : machine).writeTo(body);
        }));
    }

    /**
     * Frees the slot of {@code fingerprint}: {@code DEACTIVATED}, or {@code MACHINE_NOT_FOUND} when it
     * holds none (so a retry after a timeout answers that). Allowed whatever the license's state.
     *
     * @throws LicenseClientException as {@link #activate}
     */
    public MachineAction deactivate(String key, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return Answers.action(act(DEACTIVATE, key, body -> body.put("fingerprint", fingerprint)));
    }

    /**
     * Tells the engine this machine is alive (needed when the policy sets {@code heartbeatSeconds}):
     * {@code HEARTBEAT_OK}; {@code HEARTBEAT_DEAD} when it was silent too long and lost its slot
     * (activate again); {@code MACHINE_NOT_FOUND}; or a license-level code.
     *
     * @throws LicenseClientException as {@link #activate}
     */
    public MachineAction heartbeat(String key, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return Answers.action(act(HEARTBEAT, key, body -> body.put("fingerprint", fingerprint)));
    }

    /**
     * The license's machines ({@code LISTED}, in {@link MachineAction#machines()}), e.g. to let the
     * user pick one to deactivate after {@code TOO_MANY_MACHINES}. Read fresh every time, never cached.
     *
     * @throws LicenseClientException as {@link #activate}
     */
    public MachineAction machines(String key) {
        return Answers.action(act(LIST, key, body -> {}));
    }

    /**
     * Checks the license in (needed when the policy sets {@code checkInSeconds}, else validation turns
     * {@code OVERDUE}): {@code CHECKED_IN}, which also recovers an overdue license, or a license-level code.
     *
     * @throws LicenseClientException as {@link #activate}
     */
    public MachineAction checkIn(String key) {
        return Answers.action(act(CHECK_IN, key, body -> {}));
    }

    /**
     * Claims a seat on the license for {@code user} (needed when the policy sets {@code maxUsers}; then
     * validate with {@link Scope#withUser}): {@code SEAT_CLAIMED}, or {@code ALREADY_SEATED} (ok) when the
     * user holds one, so retrying after a timeout is safe. Other codes: {@code TOO_MANY_USERS}, a
     * license-level code, {@code MALFORMED}.
     *
     * @param user what identifies the user to your app (an email, an account name), 1 to 255 characters;
     *             the engine trims it and ignores letter case
     * @throws LicenseClientException as {@link #activate}
     */
    public SeatAction claimSeat(String key, String user) {
        Objects.requireNonNull(user, "user");
        return Answers.seatAction(act(USER_ADD, key, body -> body.put("user", user)));
    }

    /**
     * Frees the seat of {@code user}: {@code SEAT_RELEASED}, or {@code USER_NOT_FOUND} when they hold none
     * (so a retry after a timeout answers that). Allowed whatever the license's state.
     *
     * @throws LicenseClientException as {@link #activate}
     */
    public SeatAction releaseSeat(String key, String user) {
        Objects.requireNonNull(user, "user");
        return Answers.seatAction(act(USER_REMOVE, key, body -> body.put("user", user)));
    }

    /**
     * The license's seats ({@code LISTED}, in {@link SeatAction#seats()}), e.g. to let an admin pick one
     * to release after {@code TOO_MANY_USERS}. Read fresh every time, never cached.
     *
     * @throws LicenseClientException as {@link #activate}
     */
    public SeatAction seats(String key) {
        return Answers.seatAction(act(USER_LIST, key, body -> {}));
    }

    /** One write: a fresh nonce, no cache on either side; an answer is trusted only as {@link #fresh} allows. */
    private JsonNode act(String path, String key, Consumer<ObjectNode> fields) {
        Objects.requireNonNull(key, "key");
        String nonce = nonce();
        ObjectNode body = json.createObjectNode();
        body.put("key", key);
        fields.accept(body);
        body.put("nonce", nonce);
        SignedAnswer answer;
        try {
            answer = post(path, body.toString(), nonce);
        } catch (IOException e) {
            throw new LicenseClientException(LicenseClientException.Reason.UNREACHABLE,
                    "no answer from " + base + path + " (" + e + "); the action may or may not have happened", e);
        }
        return fresh(answer, nonce);
    }

    /** A just-received answer: signature and Date verified, then parsed, then the echoed nonce checked. */
    private JsonNode fresh(SignedAnswer answer, String nonce) {
        JsonNode n = trust.verified(answer, true);
        if (!nonce.equals(n.path("nonce").asText())) {
            throw new LicenseClientException(LicenseClientException.Reason.NONCE_MISMATCH, "the body echoes another nonce");
        }
        return n;
    }

    /**
     * Verifies an armored license file offline with the published product key (the JWK Set given to
     * the builder, or fetched once) and checks its validity window against the local clock. An
     * encrypted file needs the license key, and the machine fingerprint for a machine file.
     */
    public LicenseFile verifyLicenseFile(String armored, Optional<String> licenseKey, Optional<String> fingerprint) {
        return LicenseFiles.verify(armored, licenseKey, fingerprint, trust::keyFor, clock.instant(), json);
    }

    private PublicKeys fetchKeys() {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(KEYS)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, KEYS + " answered " + r.statusCode());
            }
            return PublicKeys.parse(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), json);
        } catch (IOException e) {
            throw new LicenseClientException(LicenseClientException.Reason.UNREACHABLE, base + KEYS + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LicenseClientException(LicenseClientException.Reason.UNREACHABLE, "interrupted", e);
        }
    }

    private SignedAnswer post(String path, String body, String nonce) throws IOException {
        if (base == null) {
            throw new IOException("no baseUrl configured");
        }
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Content-Type", "application/json")
                .header("Mintreu-Nonce", nonce).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new SignedAnswer(r.statusCode(), r.headers().firstValue("Date").orElse(""), nonce,
                    r.headers().firstValue("Mintreu-Signature").orElse(""), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String nonce() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    /** Configures a {@link LicenseClient}. */
    public static final class Builder {
        private String baseUrl;
        private String jwks;
        private Path cacheFile;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration maxSkew = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The shop, e.g. {@code https://shop.example}. Needed for online validation and key fetching. */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /**
         * Pins the keys: the JWK Set (as {@code /api/v1/licenses/keys} answers it) shipped with the app.
         * Without it the set is fetched from the server on first use and again on an unknown kid.
         */
        public Builder publicKeysJwks(String value) {
            this.jwks = value;
            return this;
        }

        /** Also keeps verified answers in this file (re-verified when read), so they survive a restart. */
        public Builder cacheFile(Path value) {
            this.cacheFile = value;
            return this;
        }

        /** Connect and request timeout (default 10 s); after it the cached answer is used. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** How far an answer's Date may be from the local clock (default 5 minutes). */
        public Builder maxClockSkew(Duration value) {
            this.maxSkew = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public LicenseClient build() {
            if (baseUrl == null && jwks == null) {
                throw new IllegalStateException("set baseUrl (online) or publicKeysJwks (offline files), or both");
            }
            return new LicenseClient(this);
        }
    }
}
