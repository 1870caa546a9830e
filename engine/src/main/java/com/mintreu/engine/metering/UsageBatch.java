package com.mintreu.engine.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.CommonError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/usage}, checked: {@code {events: [{eventId, key, units, at?}]}}.
 * Every event is checked and every problem reported (field {@code events[i].name} with a code), so a
 * client fixes a batch in one round; one bad event refuses the whole batch before anything is
 * looked up. Keys are only checked for shape here; {@link UsageIngest} resolves them.
 */
final class UsageBatch {

    static final int MAX_EVENTS = 1000;
    static final long MAX_UNITS = 1_000_000_000L;
    /** Clocks differ: an event may be stamped a little after our now. */
    static final long FUTURE_SLACK_MS = 5 * 60_000L;
    /** Errors listed in one answer at most; the detail says how many there were. */
    static final int MAX_ERRORS_SHOWN = 100;

    private static final Set<String> FIELDS = Set.of("eventId", "key", "units", "at");

    /** One event as sent; {@code at} in epoch ms, null when the event did not say (then it is when it was received). */
    record Event(String eventId, String key, long units, Long at) {}

    private UsageBatch() {}

    /**
     * The events of {@code body}, or a 4xx: not an object or no events (422 VALIDATION_FAILED),
     * more than {@value #MAX_EVENTS} (413 USAGE_BATCH_TOO_LARGE), a bad event (422 USAGE_EVENTS_INVALID).
     */
    static List<Event> parse(JsonNode body, long now, long windowMs) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("", "the body must be a JSON object {events: [...]}")));
        }
        for (var names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("events")) {
                throw new ApiException(CommonError.UNKNOWN_FIELD, "unknown field '" + name + "'; expected events");
            }
        }
        JsonNode events = body.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("events", "required: an array of 1 to " + MAX_EVENTS + " events")));
        }
        if (events.size() > MAX_EVENTS) {
            throw new ApiException(MeteringError.USAGE_BATCH_TOO_LARGE, "the batch holds " + events.size() + " events; at most "
                    + MAX_EVENTS + " are accepted at once");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Event> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = event(events.get(i), "events[" + i + "]", now, windowMs, errors);
            if (e != null) {
                out.add(e);
            }
        }
        refuseIf(errors, events.size());
        return out;
    }

    /** Throws 422 USAGE_EVENTS_INVALID listing (at most {@value #MAX_ERRORS_SHOWN} of) {@code errors}, if any. */
    static void refuseIf(List<FieldError> errors, int batchSize) {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.size() + (errors.size() == 1 ? " problem" : " problems") + " in a batch of " + batchSize
                + " events; nothing was recorded" + (errors.size() > MAX_ERRORS_SHOWN ? " (the first " + MAX_ERRORS_SHOWN + " are listed)" : "");
        throw new ApiException(MeteringError.USAGE_EVENTS_INVALID, detail, errors.subList(0, Math.min(errors.size(), MAX_ERRORS_SHOWN)), null);
    }

    private static Event event(JsonNode n, String at, long now, long windowMs, List<FieldError> errors) {
        if (n == null || !n.isObject()) {
            errors.add(new FieldError(at, "an event is an object {eventId, key, units, at?}", "NOT_AN_OBJECT"));
            return null;
        }
        int before = errors.size();
        for (var names = n.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(at + "." + name, "unknown field; expected eventId, key, units, at", "UNKNOWN_FIELD"));
            }
        }
        JsonNode id = n.get("eventId");
        if (id == null || id.isNull()) {
            errors.add(new FieldError(at + ".eventId", "required: your id of this event", "MISSING_FIELD"));
        } else if (!id.isTextual() || !KeyVerifyRoutes.EVENT_ID.matcher(id.asText()).matches()) {
            errors.add(new FieldError(at + ".eventId", "1 to 128 letters, digits, '.', '_', ':' or '-'", "INVALID_EVENT_ID"));
        }
        JsonNode key = n.get("key");
        if (key == null || key.isNull()) {
            errors.add(new FieldError(at + ".key", "required: the API key the usage is for", "MISSING_FIELD"));
        } else if (!key.isTextual() || !ApiKeyFormat.isWellFormed(key.asText())) {
            errors.add(new FieldError(at + ".key", "not an API key: wrong prefix, length or checksum (a typo?)", "KEY_MALFORMED"));
        }
        JsonNode units = n.get("units");
        if (units == null || units.isNull()) {
            errors.add(new FieldError(at + ".units", "required: the units used, a whole number", "MISSING_FIELD"));
        } else if (!units.isIntegralNumber() || !units.canConvertToLong() || units.asLong() < 0 || units.asLong() > MAX_UNITS) {
            errors.add(new FieldError(at + ".units", "a whole number from 0 to " + MAX_UNITS, "INVALID_UNITS"));
        }
        Long when = null;
        JsonNode t = n.get("at");
        if (t != null && !t.isNull()) {
            when = time(t);
            if (when == null) {
                errors.add(new FieldError(at + ".at", "an RFC 3339 time such as 2026-12-04T10:15:25.123Z", "INVALID_AT"));
            } else if (when < now - windowMs || when > now + FUTURE_SLACK_MS) {
                errors.add(new FieldError(at + ".at", "must lie within the last " + windowMs / 86_400_000L + " days (the replay window) "
                        + "and not more than 5 minutes ahead", "AT_OUT_OF_WINDOW"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Event(id.asText(), key.asText(), units.asLong(), when);
    }

    private static Long time(JsonNode t) {
        if (!t.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
