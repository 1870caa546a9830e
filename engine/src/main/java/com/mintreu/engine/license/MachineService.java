package com.mintreu.engine.license;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machines: activation (race-safe), deactivation, heartbeats, and the owner removing a device.
 * The license must pass its license-level checks (status, expiry, check-in) to activate or beat.
 */
@Singleton
public final class MachineService {

    private static final Logger LOG = LoggerFactory.getLogger(MachineService.class);

    /** A machine silent for this many heartbeat intervals is deleted by {@link MachineCullJob}. */
    static final int CULL_AFTER_INTERVALS = 2;

    /** What a machine action did; {@code machine} is set on activation. */
    record Result(boolean ok, ValidationCode code, String detail, Machine machine) {
        static Result fail(ValidationCode code, String detail) {
            return new Result(false, code, detail, null);
        }
    }

    private final Jdbi jdbi;
    private final LicenseStore licenses;
    private final MachineStore store;
    private final Clock clock;
    private final KillSwitches switches;

    @Inject
    MachineService(Jdbi jdbi, LicenseStore licenses, MachineStore store, Clock clock, KillSwitches switches) {
        this.switches = switches;
        this.jdbi = jdbi;
        this.licenses = licenses;
        this.store = store;
        this.clock = clock;
    }

    public List<Machine> of(String licenseId) {
        return store.forLicense(licenseId);
    }

    /**
     * Activates a machine on a license. Counting and inserting happen in one transaction after the
     * license row is locked (PostgreSQL) or the write lock is held (SQLite, BEGIN IMMEDIATE), so N
     * concurrent activations of an M-machine license give exactly M successes. Dead machines are
     * deleted first: they hold no slot. Re-activating a live fingerprint is an idempotent success.
     */
    Result activate(License license, Policy policy, ClientRequest r) {
        if (switches.isEngaged(KillSwitch.LICENSE_ACTIVATIONS)) {
            return Result.fail(ValidationCode.ACTIVATIONS_DISABLED, KillSwitch.LICENSE_ACTIVATIONS.message());
        }
        long now = clock.millis();
        Validator.Outcome pre = Validator.licenseChecks(license, policy, now, Optional.empty());
        if (!pre.valid()) {
            return Result.fail(pre.code(), pre.detail());
        }
        Result result = jdbi.inTransaction(h -> {
            licenses.lock(h, license.id());
            if (policy.heartbeatSeconds() != null) {
                store.deleteSilentSince(h, license.id(), now - policy.heartbeatSeconds() * 1000);
            }
            Optional<Machine> existing = store.byFingerprint(h, license.id(), r.fingerprint());
            if (existing.isPresent()) {
                return new Result(true, ValidationCode.ALREADY_ACTIVATED, "this machine is already activated", existing.get());
            }
            int count = store.count(h, license.id());
            if (count >= policy.machineLimit()) {
                return Result.fail(ValidationCode.TOO_MANY_MACHINES, "the license is activated on " + count + " of " + policy.machineLimit()
                        + " machines; deactivate one first");
            }
            if (licenses.activationsInWindow(h, license.id(), now) >= policy.activationsPerHour()) {
                return Result.fail(ValidationCode.ACTIVATION_RATE_LIMITED, "the license took its " + policy.activationsPerHour()
                        + " activations for this hour; try again later");
            }
            Machine m = new Machine(Ids.next("mch"), license.id(), r.fingerprint(), r.name(), r.platform(), r.hostname(), r.cores(), now, now);
            store.insert(h, m);
            licenses.recordActivation(h, license.id(), now);
            return new Result(true, ValidationCode.ACTIVATED, "the machine is activated", m);
        });
        if (result.code() == ValidationCode.ACTIVATED) {
            LOG.info("machine {} activated on license {}", result.machine().id(), license.id());
        }
        return result;
    }

    /** Frees the machine's slot; allowed whatever the license's state, so a client can always clean up. */
    Result deactivate(License license, String fingerprint) {
        return store.deleteByFingerprint(license.id(), fingerprint) ? new Result(true, ValidationCode.DEACTIVATED, "the machine is deactivated", null)
                : Result.fail(ValidationCode.MACHINE_NOT_FOUND, "no machine of this license has that fingerprint");
    }

    /** Keeps a machine alive; a machine already dead must activate again (its slot may be gone). */
    Result heartbeat(License license, Policy policy, String fingerprint) {
        long now = clock.millis();
        Validator.Outcome pre = Validator.licenseChecks(license, policy, now, Optional.empty());
        if (!pre.valid()) {
            return Result.fail(pre.code(), pre.detail());
        }
        Optional<Machine> m = jdbi.withHandle(h -> store.byFingerprint(h, license.id(), fingerprint));
        if (m.isEmpty()) {
            return Result.fail(ValidationCode.MACHINE_NOT_FOUND, "no machine of this license has that fingerprint");
        }
        if (m.get().deadAt(now, policy)) {
            return Result.fail(ValidationCode.HEARTBEAT_DEAD, "this machine missed its heartbeat; activate it again");
        }
        store.heartbeat(license.id(), fingerprint, now);
        return new Result(true, ValidationCode.HEARTBEAT_OK, "heartbeat recorded", null);
    }

    /** The owner (or an admin) removes a machine of a license they may see; 404 otherwise. */
    void removeByOwner(Principal caller, License visible, String machineId) {
        if (!store.deleteById(visible.id(), machineId)) {
            throw ApiException.notFound("machine " + machineId);
        }
        LOG.info("machine {} of license {} removed by {}", machineId, visible.id(), caller.userId());
    }

    /** Deletes machines dead for {@link #CULL_AFTER_INTERVALS} intervals; returns how many. */
    int cullDead() {
        return store.cullDead(clock.millis(), CULL_AFTER_INTERVALS);
    }
}
