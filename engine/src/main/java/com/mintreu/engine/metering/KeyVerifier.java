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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import com.mintreu.engine.hotpath.HotCache;
import com.mintreu.engine.hotpath.HotChanges;
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

    /** A verified key as this node remembers it (hotpath/README.md); {@code touchedAt} throttles last_used_at per node. */
    private record Snapshot(String hash, ApiKey key, Entitlement purchase, ApiPlan plan, AtomicLong touchedAt) {}

    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(30);
    static final int MAX_SNAPSHOTS = 20_000;

    private final HotCache<String, Snapshot> snapshots;
    private final ApiKeyStore store;
    private final EntitlementService entitlements;
    private final Meters meters;
    private final Clock clock;
    private final QuotaPeriods periods;

    @Inject
    KeyVerifier(ApiKeyStore store, EntitlementService entitlements, Meters meters, Clock clock, HotChanges changes, QuotaPeriods periods) {
        this.snapshots = new HotCache<>(changes, MAX_SNAPSHOTS, SNAPSHOT_TTL, (s, changed) -> changed.has("api_key", s.hash())
                || changed.has("entitlement", s.key().entitlementId()));
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
        Snapshot s = snapshot(r.key());
        Checked checked = decide(s != null && s.key().sellerId().equals(seller.userId()) ? s : null, r, false);
        touch(s, checked);
        return checked.answer();
    }

    /**
     * {@link #verify}'s answer from this node's memory alone (see {@link com.mintreu.engine.web.FromMemory}),
     * or null, having consumed nothing, when it needs the database or a plugin: the key is not
     * remembered (or malformed, or unknown), the meter is a plugin, or the key's last_used_at is due.
     */
    Answer verifyFromMemory(Principal seller, Request r) {
        if (!meters.inProcess() || !ApiKeyFormat.isWellFormed(r.key())) {
            return null;
        }
        Snapshot s = snapshots.get(Tokens.sha256(r.key()));
        if (s == null || touchDue(s, clock.millis())) {
            return null;
        }
        Checked checked = decide(s.key().sellerId().equals(seller.userId()) ? s : null, r, true);
        return checked == null ? null : checked.answer();
    }

    /** An answer and, when the key was found usable, the key and its purchase (the gateway reads the upstream from its data). */
    record Checked(Answer answer, ApiKey key, Entitlement purchase) {}

    /**
     * The gateway's check: the same rules and metering as {@link #verify}, scoped to one product
     * instead of a seller (a key of another product is NOT_FOUND). The key must be well-formed.
     */
    Checked verifyForProduct(String productId, Request r) {
        Snapshot s = snapshot(r.key());
        Checked checked = decide(s != null && s.key().productId().equals(productId) ? s : null, r, false);
        touch(s, checked);
        return checked;
    }

    private static boolean touchDue(Snapshot s, long now) {
        return s.touchedAt().get() + TOUCH_EVERY_MS < now;
    }

    /** After a metered call (a usable key): writes the key's last_used_at at most once a minute per node. */
    private void touch(Snapshot s, Checked checked) {
        if (checked.purchase() == null) {
            return;
        }
        long now = clock.millis();
        long touched = s.touchedAt().get();
        if (touched + TOUCH_EVERY_MS < now && s.touchedAt().compareAndSet(touched, now)) {
            store.touch(s.key().id(), now);
        }
    }

    private Snapshot snapshot(String key) {
        String hash = Tokens.sha256(key);
        return snapshots.get(hash, () -> load(hash));
    }

    /** The answer; with {@code fromMemory}, null (nothing consumed) when the quota's period is not cached. */
    private Checked decide(Snapshot s, Request r, boolean fromMemory) {
        if (s == null) {
            return new Checked(Answer.of(Code.NOT_FOUND), null, null);
        }
        ApiKey key = s.key();
        long now = clock.millis();
        Entitlement purchase = s.purchase();
        if (purchase == null || key.status() == ApiKey.Status.REVOKED || purchase.status() == Entitlement.Status.REVOKED) {
            return new Checked(Answer.of(Code.REVOKED), null, null);
        }
        if (key.status() == ApiKey.Status.SUSPENDED) {
            return new Checked(Answer.of(Code.SUSPENDED), null, null);
        }
        if (key.expiredAt(now) || !purchase.usableAt(now)) {
            return new Checked(Answer.of(Code.EXPIRED), null, null);
        }
        // the quota's window: the subscription's period (cached by QuotaPeriods), else the calendar month
        QuotaPeriods.Known period = fromMemory ? periods.remembered(purchase, now) : new QuotaPeriods.Known(periods.of(purchase, now));
        if (period == null) {
            return null;
        }
        Decision d = meters.consume(new Consumption(purchase.id(), r.eventId(), r.cost(), s.plan().limits(period.period()),
                Instant.ofEpochMilli(now)));
        Code code = switch (d.verdict()) {
            case ALLOWED -> Code.VALID;
            case RATE_LIMITED -> Code.RATE_LIMITED;
            case QUOTA_EXCEEDED -> Code.QUOTA_EXCEEDED;
        };
        Answer answer = d.limitName() == null ? new Answer(code == Code.VALID, code, null, null, null)
                : new Answer(code == Code.VALID, code, d.remaining(), d.limit(), d.reset());
        return new Checked(answer, key, purchase);
    }

    /** The key and its purchase as stored; null for a hash no key has (unknown keys are not remembered). */
    private Snapshot load(String hash) {
        ApiKey key = store.byHash(hash).orElse(null);
        if (key == null) {
            return null;
        }
        Entitlement purchase = entitlements.find(key.entitlementId()).orElse(null);
        ApiPlan plan = purchase == null ? ApiPlan.of(Map.of()) : ApiPlan.of(purchase.data());
        return new Snapshot(hash, key, purchase, plan, new AtomicLong(key.lastUsedAt() == null ? Long.MIN_VALUE / 2 : key.lastUsedAt()));
    }
}
