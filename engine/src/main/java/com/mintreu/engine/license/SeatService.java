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
 * Seats: a license's users claim them (race-safe against the policy's {@code maxUsers}), release
 * them, and the owner removes one. Claiming needs the license-level checks, like activation;
 * releasing is allowed in any state, so a client can always clean up.
 */
@Singleton
public final class SeatService {

    private static final Logger LOG = LoggerFactory.getLogger(SeatService.class);

    /** What a seat action did; {@code seat} is set when a seat was claimed or already held. */
    record Result(boolean ok, ValidationCode code, String detail, Seat seat) {
        static Result fail(ValidationCode code, String detail) {
            return new Result(false, code, detail, null);
        }
    }

    private final Jdbi jdbi;
    private final LicenseStore licenses;
    private final SeatStore store;
    private final Clock clock;

    private final KillSwitches switches;

    @Inject
    SeatService(Jdbi jdbi, LicenseStore licenses, SeatStore store, Clock clock, KillSwitches switches) {
        this.switches = switches;
        this.jdbi = jdbi;
        this.licenses = licenses;
        this.store = store;
        this.clock = clock;
    }

    public List<Seat> of(String licenseId) {
        return store.forLicense(licenseId);
    }

    public int count(String licenseId) {
        return store.count(licenseId);
    }

    /** The seat count and whether {@code user} (null: nobody) holds a seat; what {@link Validator} needs. */
    Seat.Tally tally(String licenseId, String user) {
        return store.tally(licenseId, user == null ? null : Seat.keyOf(user));
    }

    /**
     * Claims a seat for {@code user}. Like activation, counting and inserting happen in one
     * transaction after the license row is locked (PostgreSQL) or the write lock is held (SQLite,
     * BEGIN IMMEDIATE), so N concurrent claims on an M-seat license give exactly M seats. A user
     * who already holds a seat (in any letter case) gets it back: an idempotent success.
     */
    Result add(License license, Policy policy, String user) {
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
            Optional<Seat> existing = store.byKey(h, license.id(), Seat.keyOf(user));
            if (existing.isPresent()) {
                return new Result(true, ValidationCode.ALREADY_SEATED, "this user already holds a seat", existing.get());
            }
            int count = store.count(h, license.id());
            if (policy.maxUsers() != null && count >= policy.maxUsers()) {
                return Result.fail(ValidationCode.TOO_MANY_USERS, "the license's " + count + " of " + policy.maxUsers()
                        + " seats are taken; release one first");
            }
            Seat s = new Seat(Ids.next("lus"), license.id(), user, now);
            store.insert(h, s);
            return new Result(true, ValidationCode.SEAT_CLAIMED, "the user holds a seat", s);
        });
        if (result.code() == ValidationCode.SEAT_CLAIMED) {
            LOG.info("seat {} claimed on license {}", result.seat().id(), license.id());
        }
        return result;
    }

    /** Frees the user's seat; allowed whatever the license's state. */
    Result remove(License license, String user) {
        return store.deleteByKey(license.id(), Seat.keyOf(user)) ? new Result(true, ValidationCode.SEAT_RELEASED, "the seat is free", null)
                : Result.fail(ValidationCode.USER_NOT_FOUND, "no seat of this license is held by that user");
    }

    /** The owner (or an admin) frees a user's seat on a license they may see; 404 otherwise. */
    void removeByOwner(Principal caller, License visible, String user) {
        if (!store.deleteByKey(visible.id(), Seat.keyOf(user.strip()))) {
            throw ApiException.notFound("that user's seat on license " + visible.id());
        }
        LOG.info("a seat of license {} released by {}", visible.id(), caller.userId());
    }

    /** The same by the seat's id, for the account page's forms. */
    void removeByOwnerById(Principal caller, License visible, String seatId) {
        if (!store.deleteById(visible.id(), seatId)) {
            throw ApiException.notFound("seat " + seatId);
        }
        LOG.info("seat {} of license {} released by {}", seatId, visible.id(), caller.userId());
    }
}
