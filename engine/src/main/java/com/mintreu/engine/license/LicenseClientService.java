package com.mintreu.engine.license;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Release;
import com.mintreu.engine.license.ClientAnswer.LicenseInfo;
import com.mintreu.engine.license.ClientAnswer.MachineView;
import com.mintreu.engine.license.ClientAnswer.SeatView;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The license client API: validate, check in, and the machine and seat actions, answered with stable codes. */
@Singleton
final class LicenseClientService {

    private final LicenseService licenses;
    private final LicenseStore store;
    private final PolicyService policies;
    private final MachineService machines;
    private final SeatService seats;
    private final CatalogService catalog;
    private final ValidationTally tally;
    private final LicenseSnapshots snapshots;
    private final SeatStore seatStore;
    private final Clock clock;

    @Inject
    LicenseClientService(LicenseService licenses, LicenseStore store, PolicyService policies, MachineService machines, SeatService seats,
            CatalogService catalog, ValidationTally tally, LicenseSnapshots snapshots, SeatStore seatStore, Clock clock) {
        this.licenses = licenses;
        this.store = store;
        this.policies = policies;
        this.machines = machines;
        this.seats = seats;
        this.catalog = catalog;
        this.tally = tally;
        this.snapshots = snapshots;
        this.seatStore = seatStore;
        this.clock = clock;
    }

    ClientAnswer.Validate malformed(String nonce, String detail) {
        return new ClientAnswer.Validate(false, ValidationCode.MALFORMED, detail, nonce, ts(), null);
    }

    ClientAnswer.Action malformedAction(String nonce, String detail) {
        return new ClientAnswer.Action(false, ValidationCode.MALFORMED, detail, nonce, ts(), null, null, null);
    }

    /**
     * From the key's snapshot when this node has a fresh one (no database), else from the database
     * on one pooled connection (the stores' calls join it: Jdbi's handle scope), keeping a snapshot.
     */
    ClientAnswer.Validate validate(ClientRequest r) {
        LicenseSnapshots.Snapshot s = r.key() == null ? null : snapshots.get(r.key());
        if (s != null) {
            License l = s.license();
            long now = clock.millis();
            tally.record(l.id(), now);
            Optional<Release> release = r.version() == null ? Optional.empty()
                    : s.release(r.version(), v -> catalog.release(l.productId(), v));
            return answer(r, l, s.policy(), now, release, s.machines(), s.tally(r.user()));
        }
        return store.jdbi().withHandle(h -> validateOn(r));
    }

    private ClientAnswer.Validate validateOn(ClientRequest r) {
        long epoch = snapshots.epoch();
        LicenseService.Resolved resolved = licenses.resolve(r.key());
        if (resolved.license() == null) {
            return new ClientAnswer.Validate(false, resolved.failure(), detail(resolved.failure()), r.nonce(), ts(), null);
        }
        long now = clock.millis();
        License l = resolved.license();
        if (l.firstValidatedAt() == null) {
            store.markFirstValidated(l.id(), now);
            l = store.byId(l.id()).orElse(l); // another node may have been first
        }
        tally.record(l.id(), now);
        Policy p = policies.forLicense(l);
        Optional<Release> release = r.version() == null ? Optional.empty() : catalog.release(l.productId(), r.version());
        List<Machine> ms = machines.of(l.id());
        Seat.Tally seated = seats.tally(l.id(), r.user());
        if (seated.held() <= LicenseSnapshots.MAX_SEATS_KEPT) {
            LicenseSnapshots.Snapshot s = new LicenseSnapshots.Snapshot(l, p, ms, seatStore.userKeys(l.id()));
            if (r.version() != null) {
                s.releases().put(r.version(), release);
            }
            snapshots.keep(r.key(), s, epoch);
        }
        return answer(r, l, p, now, release, ms, seated);
    }

    private ClientAnswer.Validate answer(ClientRequest r, License l, Policy p, long now, Optional<Release> release, List<Machine> ms,
            Seat.Tally seated) {
        Validator.Outcome o = Validator.validate(l, p, now, r, release, ms, seated);
        return new ClientAnswer.Validate(o.valid(), o.code(), o.detail(), r.nonce(), ts(), info(l, p, ms.size(), seated.held()));
    }

    ClientAnswer.Action activate(ClientRequest r) {
        return act(r, (l, p) -> machines.activate(l, p, r));
    }

    ClientAnswer.Action deactivate(ClientRequest r) {
        return act(r, (l, p) -> machines.deactivate(l, r.fingerprint()));
    }

    ClientAnswer.Action heartbeat(ClientRequest r) {
        return act(r, (l, p) -> machines.heartbeat(l, p, r.fingerprint()));
    }

    /** A check-in resets the OVERDUE clock; a license already overdue may check in to recover, others may not. */
    ClientAnswer.Action checkIn(ClientRequest r) {
        return act(r, (l, p) -> {
            Validator.Outcome o = Validator.licenseChecks(l, p, clock.millis(), Optional.empty());
            if (!o.valid() && o.code() != ValidationCode.OVERDUE) {
                return MachineService.Result.fail(o.code(), o.detail());
            }
            store.checkIn(l.id(), clock.millis());
            return new MachineService.Result(true, ValidationCode.CHECKED_IN, "checked in", null);
        });
    }

    ClientAnswer.Action list(ClientRequest r) {
        LicenseService.Resolved resolved = licenses.resolve(r.key());
        if (resolved.license() == null) {
            return new ClientAnswer.Action(false, resolved.failure(), detail(resolved.failure()), r.nonce(), ts(), null, null, null);
        }
        License l = resolved.license();
        List<Machine> ms = machines.of(l.id());
        return new ClientAnswer.Action(true, ValidationCode.LISTED, ms.size() + " machine(s)", r.nonce(), ts(),
                info(l, policies.forLicense(l), ms.size(), seats.count(l.id())), null, ms.stream().map(MachineView::of).toList());
    }

    private interface MachineAction {
        MachineService.Result run(License l, Policy p);
    }

    private ClientAnswer.Action act(ClientRequest r, MachineAction action) {
        LicenseService.Resolved resolved = licenses.resolve(r.key());
        if (resolved.license() == null) {
            return new ClientAnswer.Action(false, resolved.failure(), detail(resolved.failure()), r.nonce(), ts(), null, null, null);
        }
        License l = resolved.license();
        Policy p = policies.forLicense(l);
        MachineService.Result result = action.run(l, p);
        License now = store.byId(l.id()).orElse(l);
        return new ClientAnswer.Action(result.ok(), result.code(), result.detail(), r.nonce(), ts(), info(now, p, machines.of(l.id()).size(),
                seats.count(l.id())), result.machine() == null ? null : MachineView.of(result.machine()), null);
    }

    /** Claims a seat for {@code user}: SEAT_CLAIMED, ALREADY_SEATED, TOO_MANY_USERS or a license-level code. */
    ClientAnswer.Action addUser(ClientRequest r) {
        return onSeat(r, (l, p) -> seats.add(l, p, r.user()));
    }

    /** Frees the user's seat in any license state: SEAT_RELEASED or USER_NOT_FOUND. */
    ClientAnswer.Action removeUser(ClientRequest r) {
        return onSeat(r, (l, p) -> seats.remove(l, r.user()));
    }

    ClientAnswer.Action listUsers(ClientRequest r) {
        return onLicense(r, (l, p) -> {
            List<Seat> held = seats.of(l.id());
            return new ClientAnswer.Action(true, ValidationCode.LISTED, held.size() + " user(s)", r.nonce(), ts(),
                    info(l, p, machines.of(l.id()).size(), held.size()), null, null, null, held.stream().map(SeatView::of).toList());
        });
    }

    private ClientAnswer.Action onSeat(ClientRequest r, BiFunction<License, Policy, SeatService.Result> action) {
        return onLicense(r, (l, p) -> {
            SeatService.Result result = action.apply(l, p);
            SeatView seat = result.seat() == null ? null : SeatView.of(result.seat());
            return new ClientAnswer.Action(result.ok(), result.code(), result.detail(), r.nonce(), ts(),
                    info(l, p, machines.of(l.id()).size(), seats.count(l.id())), null, null, seat, null);
        });
    }

    /** Resolves the key, then answers with {@code answer}; an unknown or malformed key answers its code. */
    private ClientAnswer.Action onLicense(ClientRequest r, BiFunction<License, Policy, ClientAnswer.Action> answer) {
        LicenseService.Resolved resolved = licenses.resolve(r.key());
        if (resolved.license() == null) {
            return new ClientAnswer.Action(false, resolved.failure(), detail(resolved.failure()), r.nonce(), ts(), null, null, null);
        }
        License l = resolved.license();
        return answer.apply(l, policies.forLicense(l));
    }

    private static LicenseInfo info(License l, Policy p, int machineCount, int seatCount) {
        return new LicenseInfo(l.id(), l.status().id(), Validator.expiresAt(l, p), l.productId(), p.entitlements(), machineCount, p.machineLimit(),
                seatCount, p.maxUsers());
    }

    private static String detail(ValidationCode failure) {
        return failure == ValidationCode.MALFORMED ? "the key is not a license key" : "no license has this key";
    }

    private String ts() {
        return clock.instant().toString();
    }
}
