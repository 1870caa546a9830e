package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads verified answer bodies into the public records. Only ever given bodies whose signature,
 * nonce and date were already checked; a body without the documented shape is MALFORMED.
 */
final class Answers {

    private Answers() {}

    static Validation validation(JsonNode n) {
        if (!n.path("valid").isBoolean() || !n.path("code").isTextual()) {
            throw malformed("not a validation answer: " + n);
        }
        return new Validation(n.get("valid").asBoolean(), n.get("code").asText(), n.path("detail").asText(null), ts(n), license(n), false);
    }

    static MachineAction action(JsonNode n) {
        if (!n.path("ok").isBoolean() || !n.path("code").isTextual()) {
            throw malformed("not a machine or check-in answer: " + n);
        }
        JsonNode m = n.path("machine");
        Optional<MachineAction.Machine> machine = m.isObject() ? Optional.of(machine(m)) : Optional.empty();
        List<MachineAction.Machine> machines = new ArrayList<>();
        n.path("machines").forEach(e -> machines.add(machine(e)));
        return new MachineAction(n.get("ok").asBoolean(), n.get("code").asText(), n.path("detail").asText(null), ts(n), license(n), machine,
                List.copyOf(machines));
    }

    static SeatAction seatAction(JsonNode n) {
        if (!n.path("ok").isBoolean() || !n.path("code").isTextual()) {
            throw malformed("not a seat answer: " + n);
        }
        JsonNode u = n.path("user");
        Optional<SeatAction.Seat> seat = u.isObject() ? Optional.of(seat(u)) : Optional.empty();
        List<SeatAction.Seat> seats = new ArrayList<>();
        n.path("users").forEach(e -> seats.add(seat(e)));
        return new SeatAction(n.get("ok").asBoolean(), n.get("code").asText(), n.path("detail").asText(null), ts(n), license(n), seat,
                List.copyOf(seats));
    }

    private static Optional<Validation.License> license(JsonNode n) {
        JsonNode l = n.path("license");
        if (!l.isObject()) {
            return Optional.empty();
        }
        List<String> ents = new ArrayList<>();
        l.path("entitlements").forEach(e -> ents.add(e.asText()));
        return Optional.of(new Validation.License(l.path("id").asText(), l.path("status").asText(),
                l.path("expiresAt").isNumber() ? Optional.of(Instant.ofEpochMilli(l.get("expiresAt").asLong())) : Optional.empty(),
                l.path("product").asText(), List.copyOf(ents), l.path("machines").asInt(), l.path("maxMachines").asInt(), l.path("users").asInt(),
                l.path("maxUsers").isInt() ? OptionalInt.of(l.get("maxUsers").asInt()) : OptionalInt.empty()));
    }

    private static MachineAction.Machine machine(JsonNode m) {
        if (!m.path("id").isTextual() || !m.path("fingerprint").isTextual() || !m.path("createdAt").isNumber()
                || !m.path("lastHeartbeatAt").isNumber()) {
            throw malformed("not a machine: " + m);
        }
        return new MachineAction.Machine(m.get("id").asText(), m.get("fingerprint").asText(), text(m, "name"), text(m, "platform"),
                text(m, "hostname"), m.path("cores").isInt() ? m.get("cores").asInt() : null, Instant.ofEpochMilli(m.get("createdAt").asLong()),
                Instant.ofEpochMilli(m.get("lastHeartbeatAt").asLong()));
    }

    private static SeatAction.Seat seat(JsonNode s) {
        if (!s.path("id").isTextual() || !s.path("user").isTextual() || !s.path("createdAt").isNumber()) {
            throw malformed("not a seat: " + s);
        }
        return new SeatAction.Seat(s.get("id").asText(), s.get("user").asText(), Instant.ofEpochMilli(s.get("createdAt").asLong()));
    }

    /** A string field; null when absent or JSON null (the engine writes both for "not given"). */
    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.get(field).asText() : null;
    }

    private static Instant ts(JsonNode n) {
        if (!n.path("ts").isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.get("ts").asText());
        } catch (DateTimeParseException e) {
            throw malformed("ts is not an ISO-8601 instant: " + n.get("ts").asText());
        }
    }

    private static LicenseClientException malformed(String message) {
        return new LicenseClientException(LicenseClientException.Reason.MALFORMED, message);
    }
}
