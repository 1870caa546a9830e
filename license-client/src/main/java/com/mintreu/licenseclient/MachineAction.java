package com.mintreu.licenseclient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A verified answer of a machine action ({@code /api/v1/licenses/machines/activate}, {@code deactivate},
 * {@code heartbeat}, {@code list}) or of {@code /api/v1/licenses/check-in}. Switch on {@code code}.
 *
 * @param ok         true for {@code ACTIVATED}, {@code ALREADY_ACTIVATED}, {@code DEACTIVATED}, {@code HEARTBEAT_OK},
 *                   {@code LISTED} and {@code CHECKED_IN}
 * @param code       the stable code: one of those, or {@code TOO_MANY_MACHINES}, {@code ACTIVATION_RATE_LIMITED}, {@code ACTIVATIONS_DISABLED} (the shop switched new activations off),
 *                   {@code MACHINE_NOT_FOUND}, {@code HEARTBEAT_DEAD} (activate again), a license-level code
 *                   ({@code NOT_FOUND}, {@code SUSPENDED}, {@code REVOKED}, {@code EXPIRED}, {@code OVERDUE}) or
 *                   {@code MALFORMED} (the key or a field was refused; {@code detail} names it)
 * @param detail     a human explanation, for logs
 * @param serverTime the server's {@code ts} when it answered
 * @param license    the license after the action (its {@code machines} count included); empty for keys the
 *                   engine did not issue
 * @param machine    the machine an activation holds ({@code ACTIVATED}, {@code ALREADY_ACTIVATED}); empty otherwise
 * @param machines   the license's machines for {@link LicenseClient#machines(String)} ({@code LISTED}); empty otherwise
 */
public record MachineAction(boolean ok, String code, String detail, Instant serverTime, Optional<Validation.License> license,
        Optional<Machine> machine, List<Machine> machines) {

    /**
     * A machine activated on a license, as the engine keeps it.
     *
     * @param id              the engine's id ({@code mch_…}), as the customer's account page names it
     * @param fingerprint     the fingerprint it was activated with
     * @param name            what the activation said ({@link MachineInfo}); null when it did not say
     * @param platform        likewise
     * @param hostname        likewise
     * @param cores           likewise
     * @param createdAt       when it was activated
     * @param lastHeartbeatAt its last heartbeat (its activation until the first)
     */
    public record Machine(String id, String fingerprint, String name, String platform, String hostname, Integer cores, Instant createdAt,
            Instant lastHeartbeatAt) {}
}
