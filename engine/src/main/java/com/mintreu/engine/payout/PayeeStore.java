package com.mintreu.engine.payout;

import com.mintreu.api.payout.PayeeStatus;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of the payees' status with a payout method ({@code payout_payees}) and the payout webhook inbox ({@code payout_events}). */
@Singleton
final class PayeeStore {

    private final Jdbi jdbi;

    @Inject
    PayeeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<PayeeStatus> find(String method, String payeeId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT payee_id, account_ref, details_submitted, payouts_enabled FROM payout_payees WHERE method = :m AND payee_id = :p""")
                .bind("m", method).bind("p", payeeId)
                .map((rs, ctx) -> new PayeeStatus(rs.getString("payee_id"), rs.getString("account_ref"),
                        rs.getInt("details_submitted") == 1, rs.getInt("payouts_enabled") == 1))
                .findOne());
    }

    /** The payees of {@code method} that may be paid now. */
    Set<String> enabled(Handle h, String method) {
        return h.createQuery("SELECT payee_id FROM payout_payees WHERE method = :m AND payouts_enabled = 1")
                .bind("m", method).mapTo(String.class).set();
    }

    /** Records the payee's status as the provider reported it; the last report wins. */
    void save(Handle h, String method, PayeeStatus s, long now) {
        h.createUpdate("""
                INSERT INTO payout_payees (method, payee_id, account_ref, details_submitted, payouts_enabled, updated_at)
                VALUES (:m, :p, :ref, :details, :enabled, :now)
                ON CONFLICT (method, payee_id) DO UPDATE SET account_ref = COALESCE(excluded.account_ref, payout_payees.account_ref),
                    details_submitted = excluded.details_submitted, payouts_enabled = excluded.payouts_enabled, updated_at = excluded.updated_at""")
                .bind("ref", s.accountRef()).bind("details", s.detailsSubmitted() ? 1 : 0).bind("enabled", s.payoutsEnabled() ? 1 : 0)
                .bind("now", now).bind("m", method).bind("p", s.payeeId()).execute();
    }

    /** Marks that the payee started onboarding (nothing enabled yet); keeps what a provider already reported. */
    void started(Handle h, String method, String payeeId, long now) {
        h.createUpdate("""
                INSERT INTO payout_payees (method, payee_id, account_ref, details_submitted, payouts_enabled, updated_at)
                VALUES (:m, :p, NULL, 0, 0, :now) ON CONFLICT (method, payee_id) DO NOTHING""")
                .bind("m", method).bind("p", payeeId).bind("now", now).execute();
    }

    /** Inserts the inbox row of a provider event; false when it was received before (a redelivery). */
    boolean recordEvent(Handle h, String method, String eventId, String kind, String subject, long now) {
        return h.createUpdate("""
                INSERT INTO payout_events (method, event_id, kind, subject, result, received_at) VALUES (:m, :e, :k, :s, 'received', :now)
                ON CONFLICT (method, event_id) DO NOTHING""")
                .bind("m", method).bind("e", eventId).bind("k", kind).bind("s", subject).bind("now", now).execute() == 1;
    }

    void eventResult(Handle h, String method, String eventId, String result) {
        h.createUpdate("UPDATE payout_events SET result = :r WHERE method = :m AND event_id = :e")
                .bind("r", result).bind("m", method).bind("e", eventId).execute();
    }
}
