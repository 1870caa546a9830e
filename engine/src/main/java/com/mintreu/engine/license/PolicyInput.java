package com.mintreu.engine.license;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /api/v1/seller/plans/{planId}/license-policy}: the whole policy; an absent
 * field takes its value from {@link Policy#DEFAULTS}, so a PUT never inherits stale settings.
 */
record PolicyInput(Long durationSeconds, String expiryBasis, String expiryStrategy, Long graceSeconds, Boolean floating,
        Integer maxMachines, Integer maxUsers, Boolean requireFingerprint, Long heartbeatSeconds, Long checkInSeconds,
        List<String> entitlements, Integer activationsPerHour, Boolean transferAllowed) {

    static final int MAX_ENTITLEMENTS = 64;
    static final int MAX_ENTITLEMENT_LENGTH = 64;
    static final Pattern ENTITLEMENT = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final long YEAR = 366L * 24 * 3600;

    /** The policy this input describes, or a 422 naming every bad field. */
    Policy toPolicy() {
        Policy d = Policy.DEFAULTS;
        List<FieldError> errors = new ArrayList<>();
        range(errors, "durationSeconds", durationSeconds, 1, 100 * YEAR);
        range(errors, "graceSeconds", graceSeconds, 0, YEAR);
        range(errors, "maxMachines", maxMachines == null ? null : maxMachines.longValue(), 1, 10_000);
        range(errors, "maxUsers", maxUsers == null ? null : maxUsers.longValue(), 1, 1_000_000);
        range(errors, "heartbeatSeconds", heartbeatSeconds, 10, 30L * 24 * 3600);
        range(errors, "checkInSeconds", checkInSeconds, 60, YEAR);
        range(errors, "activationsPerHour", activationsPerHour == null ? null : activationsPerHour.longValue(), 1, 10_000);
        Policy.ExpiryBasis basis = d.expiryBasis();
        if (expiryBasis != null) {
            try {
                basis = Policy.ExpiryBasis.of(expiryBasis.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("expiryBasis", "must be purchase, first_activation or first_validation"));
            }
        }
        Policy.ExpiryStrategy strategy = d.expiryStrategy();
        if (expiryStrategy != null) {
            try {
                strategy = Policy.ExpiryStrategy.of(expiryStrategy.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("expiryStrategy", "must be restrict, maintain or allow"));
            }
        }
        List<String> names = entitlements == null ? d.entitlements() : entitlements;
        if (names.size() > MAX_ENTITLEMENTS) {
            errors.add(new FieldError("entitlements", "at most " + MAX_ENTITLEMENTS + " names"));
        } else if (names.stream().anyMatch(n -> n == null || !ENTITLEMENT.matcher(n).matches())) {
            errors.add(new FieldError("entitlements", "names are 1-64 characters of A-Z a-z 0-9 _ . : -"));
        }
        boolean isFloating = floating == null ? d.floating() : floating;
        int machines = maxMachines == null ? (isFloating ? d.maxMachines() : 1) : maxMachines;
        if (!isFloating && machines != 1) {
            errors.add(new FieldError("maxMachines", "a node-locked (floating: false) policy allows exactly 1 machine"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Policy(null, null, durationSeconds, basis, strategy, graceSeconds == null ? d.graceSeconds() : graceSeconds, isFloating,
                machines, maxUsers, requireFingerprint == null ? d.requireFingerprint() : requireFingerprint, heartbeatSeconds,
                checkInSeconds, names.stream().distinct().toList(), activationsPerHour == null ? d.activationsPerHour() : activationsPerHour,
                transferAllowed == null ? d.transferAllowed() : transferAllowed, 0);
    }

    private static void range(List<FieldError> errors, String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }
}
