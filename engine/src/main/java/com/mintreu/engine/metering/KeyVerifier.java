package com.mintreu.engine.metering;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Answers a seller's "may this key make this call?": the key's checksum (no lookup for a typo),
 * its hash, the seller's ownership (another seller's key is NOT_FOUND, exactly like an unknown one),
 * the key's and its purchase's state, then the meter, which consumes {@code cost} against the
 * purchase's limits at most once per {@code eventId}. The input is checked by the route before
 * anything is looked up or counted.
 */
@Singleton
final class KeyVerifier {

    /** Writing last_used_at on every call would make each verification a write; once a minute is enough to show. */
    private static final long TOUCH_EVERY_MS = 60_000;

    /** The answer's codes; stable. */
    enum Code { VALID, NOT_FOUND, REVOKED, SUSPENDED, EXPIRED, RATE_LIMITED, QUOTA_EXCEEDED }

    /**
     * The verify answer. {@code limit}, {@code remaining} and {@code reset} describe the limit closest
     * to refusing (or the one that refused); null when the key is not usable or its plan has no limits.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Answer(boolean valid, Code code, Long remaining, Long limit, Instant reset) {

        static Answer of(Code code) {
            return new Answer(false, code, null, null, null);
        }
    }

    /** A checked request: the key is well-formed, the cost whole and not negative, the event id sane or null. */
    record Request(String key, long cost, String eventId) {}

    private final ApiKeyStore store;
    private final EntitlementService entitlements;
    private final Meters meters;
    private final Clock clock;
    private final QuotaPeriods periods;

    @Inject
    KeyVerifier(ApiKeyStore store, EntitlementService entitlements, Meters meters, Clock clock, QuotaPeriods periods) {
        this.periods = periods;
        this.store = store;
        this.entitlements = entitlements;
        this.meters = meters;
        this.clock = clock;
    }

    Answer verify(Principal seller, Request r) {
        if (!ApiKeyFormat.isWellFormed(r.key())) {
            throw new ApiException(MeteringError.KEY_MALFORMED, "the key does not have the shape or checksum of an API key");
        }
        Optional<ApiKey> found = store.byHash(Tokens.sha256(r.key())).filter(k -> k.sellerId().equals(seller.userId()));
        if (found.isEmpty()) {
            return Answer.of(Code.NOT_FOUND);
        }
        ApiKey key = found.get();
        long now = clock.millis();
        Entitlement purchase = entitlements.find(key.entitlementId()).orElse(null);
        if (purchase == null || key.status() == ApiKey.Status.REVOKED || purchase.status() == Entitlement.Status.REVOKED) {
            return Answer.of(Code.REVOKED);
        }
        if (key.status() == ApiKey.Status.SUSPENDED) {
            return Answer.of(Code.SUSPENDED);
        }
        if (key.expiredAt(now) || !purchase.usableAt(now)) {
            return Answer.of(Code.EXPIRED);
        }
        Decision d = meters.consume(new Consumption(purchase.id(), r.eventId(), r.cost(), ApiPlan.of(purchase.data()).limits(periods.of(purchase, now)),
                Instant.ofEpochMilli(now)));
        if (key.lastUsedAt() == null || key.lastUsedAt() + TOUCH_EVERY_MS < now) {
            store.touch(key.id(), now);
        }
        Code code = switch (d.verdict()) {
            case ALLOWED -> Code.VALID;
            case RATE_LIMITED -> Code.RATE_LIMITED;
            case QUOTA_EXCEEDED -> Code.QUOTA_EXCEEDED;
        };
        return d.limitName() == null ? new Answer(code == Code.VALID, code, null, null, null)
                : new Answer(code == Code.VALID, code, d.remaining(), d.limit(), d.reset());
    }
}
