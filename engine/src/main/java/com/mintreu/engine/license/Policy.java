package com.mintreu.engine.license;

import java.util.List;
import java.util.Locale;

/**
 * How the licenses of one plan behave: expiry, machines, heartbeats, check-ins, entitlements.
 * Durations are seconds; null means "not limited" (see each field). A plan without a stored policy
 * uses {@link #DEFAULTS}, chosen so a plain key keeps validating as before policies existed.
 *
 * @param durationSeconds null: the expiry set at issue (the grant's licenseDays), else perpetual
 * @param floating false: node-locked, exactly one machine
 * @param maxUsers null: seats unlimited; else the seats a license may hold, and validation needs scope.user
 * @param heartbeatSeconds null: machines need no heartbeat and never die
 * @param checkInSeconds null: no check-in; else a license not checked in for this long is OVERDUE
 * @param transferAllowed stored and shown; transfers are not built yet
 */
public record Policy(String id, String planId, Long durationSeconds, ExpiryBasis expiryBasis, ExpiryStrategy expiryStrategy,
        long graceSeconds, boolean floating, int maxMachines, Integer maxUsers, boolean requireFingerprint, Long heartbeatSeconds,
        Long checkInSeconds, List<String> entitlements, int activationsPerHour, boolean transferAllowed, long updatedAt) {

    /** Perpetual, restrict, no grace, floating on 3 machines, fingerprint optional, 10 activations an hour. */
    public static final Policy DEFAULTS = new Policy(null, null, null, ExpiryBasis.PURCHASE, ExpiryStrategy.RESTRICT, 0, true, 3, null,
            false, null, null, List.of(), 10, false, 0);

    public Policy {
        entitlements = List.copyOf(entitlements);
    }

    /** The machines a license may hold: one when node-locked. */
    public int machineLimit() {
        return floating ? maxMachines : 1;
    }

    /** This policy with another seat cap (a license's own, from the seats it was sold with). */
    Policy withMaxUsers(Integer users) {
        return new Policy(id, planId, durationSeconds, expiryBasis, expiryStrategy, graceSeconds, floating, maxMachines, users,
                requireFingerprint, heartbeatSeconds, checkInSeconds, entitlements, activationsPerHour, transferAllowed, updatedAt);
    }

    Policy forPlan(String newId, String newPlanId, long now) {
        return new Policy(newId, newPlanId, durationSeconds, expiryBasis, expiryStrategy, graceSeconds, floating, maxMachines, maxUsers,
                requireFingerprint, heartbeatSeconds, checkInSeconds, entitlements, activationsPerHour, transferAllowed, now);
    }

    /** The moment the duration starts counting. */
    public enum ExpiryBasis {
        PURCHASE, FIRST_ACTIVATION, FIRST_VALIDATION;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ExpiryBasis of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What an expired license (past its grace period) still does: RESTRICT is invalid; MAINTAIN stays
     * valid for releases published before the expiry; ALLOW stays valid but answers code EXPIRED.
     */
    public enum ExpiryStrategy {
        RESTRICT, MAINTAIN, ALLOW;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ExpiryStrategy of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}
