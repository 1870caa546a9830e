package com.mintreu.plugins.payoutstripeconnect;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** SQL of {@code payout_stripe_connect_accounts}: which Stripe account belongs to which payee. */
final class ConnectAccounts {

    private final Jdbi jdbi;

    ConnectAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<String> accountOf(String payeeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM payout_stripe_connect_accounts WHERE payee_id = :p")
                .bind("p", payeeId).mapTo(String.class).findOne());
    }

    Optional<String> payeeOf(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payee_id FROM payout_stripe_connect_accounts WHERE account_id = :a")
                .bind("a", accountId).mapTo(String.class).findOne());
    }

    /** Remembers the payee's account; a second call for the same payee (a double click) keeps the first. */
    void remember(String payeeId, String accountId, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO payout_stripe_connect_accounts (payee_id, account_id, created_at) VALUES (:p, :a, :now)
                ON CONFLICT (payee_id) DO NOTHING""")
                .bind("p", payeeId).bind("a", accountId).bind("now", now).execute());
    }
}
