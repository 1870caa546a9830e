package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When {@link LicenseClient} trusts an answer: its signature verifies with the engine key from the
 * published JWK Set (pinned, or fetched once and again when an unknown kid shows up after a
 * rotation), and, for a fresh answer, its Date is near the local clock. Only then is the body parsed.
 */
final class AnswerTrust {

    private final Supplier<PublicKeys> fetcher; // null: the keys were pinned and are never fetched
    private final Duration maxSkew;
    private final Clock clock;
    private final ObjectMapper json;
    private volatile PublicKeys keys;

    AnswerTrust(PublicKeys pinned, Supplier<PublicKeys> fetcher, Duration maxSkew, Clock clock, ObjectMapper json) {
        this.keys = pinned;
        this.fetcher = pinned == null ? fetcher : null;
        this.maxSkew = maxSkew;
        this.clock = clock;
        this.json = json;
    }

    /** Checks the signature (and, for a fresh answer, the clock) and only then parses the body. */
    JsonNode verified(SignedAnswer a, boolean fresh) {
        SignedAnswer.Header h = SignedAnswer.Header.parse(a.signature());
        PublicKeys.Key key = keyFor(h.kid());
        if (!"engine".equals(key.scope())) {
            throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE, "key " + h.kid() + " does not sign API answers");
        }
        if (!PublicKeys.verify(key.key(), a.signedBytes(), h.signature())) {
            throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE, "the answer's signature does not verify");
        }
        if (fresh) {
            Instant date;
            try {
                date = ZonedDateTime.parse(a.date(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, "bad Date header " + a.date(), e);
            }
            if (Duration.between(date, clock.instant()).abs().compareTo(maxSkew) > 0) {
                throw new LicenseClientException(LicenseClientException.Reason.CLOCK_SKEW, "answer dated " + date + ", local clock " + clock.instant());
            }
        }
        if (a.status() == 429) {
            throw new LicenseClientException(LicenseClientException.Reason.RATE_LIMITED, "HTTP 429: " + new String(a.body(),
                    StandardCharsets.UTF_8));
        }
        if (a.status() != 200) {
            throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, "HTTP " + a.status() + ": " + new String(a.body(),
                    StandardCharsets.UTF_8));
        }
        try {
            return json.readTree(a.body());
        } catch (IOException e) {
            throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, "the answer is not JSON", e);
        }
    }

    /** The published key with {@code kid}; an unknown kid refetches the set once (the engine rotated). */
    PublicKeys.Key keyFor(String kid) {
        PublicKeys k = keys();
        Optional<PublicKeys.Key> found = k.find(kid);
        if (found.isEmpty() && fetcher != null) {
            keys = fetcher.get();
            found = keys.find(kid);
        }
        return found.orElseThrow(() -> new LicenseClientException(LicenseClientException.Reason.UNKNOWN_KEY, "no published key " + kid));
    }

    private PublicKeys keys() {
        PublicKeys k = keys;
        if (k == null) {
            k = fetcher.get();
            keys = k;
        }
        return k;
    }
}
