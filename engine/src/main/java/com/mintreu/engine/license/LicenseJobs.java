package com.mintreu.engine.license;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.notify.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The work behind the expiry jobs. Both walk the active licenses that have not lapsed and compute
 * each one's effective expiry with its policy (a policy change applies live, so nothing can be
 * precomputed). Each effect is a conditional insert or update, so a rerun, or a second node running
 * the same job at the same moment, changes nothing twice: the job lease makes a job run once per
 * interval, and these keys make each reminder and each lapse happen once even if it did not.
 */
@Singleton
final class LicenseJobs {

    private static final long DAY_MS = 86_400_000L;
    private static final int PAGE = 500;

    private final LicenseLifecycleStore store;
    private final PolicyService policies;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    LicenseJobs(LicenseLifecycleStore store, PolicyService policies, Outbox outbox, AuditLog audit, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Mails the owner of each license expiring within 7 days ("7d") or 1 day ("1d"), once per
     * license, kind and expiry. A license first seen inside the last day gets only the 1-day mail.
     */
    int sendReminders() {
        long now = clock.millis();
        int sent = 0;
        for (String after = ""; ; ) {
            List<License> page = store.remindableAfter(after, PAGE);
            for (License l : page) {
                Long expiry = Validator.expiresAt(l, policies.forLicense(l));
                if (expiry == null || now >= expiry || now < expiry - 7 * DAY_MS) {
                    continue;
                }
                String kind = now >= expiry - DAY_MS ? "1d" : "7d";
                boolean mailed = store.jdbi().inTransaction(h -> {
                    if (!store.reminderSent(h, l.id(), kind, expiry, now)) {
                        return false;
                    }
                    String to = store.emailOf(h, l.customerId()).orElse(null);
                    if (to == null) {
                        return true; // the account is gone; recorded so it is not retried
                    }
                    outbox.mail(h, to, "Your license expires " + ("1d".equals(kind) ? "tomorrow" : "in 7 days"),
                            "Your license " + l.id() + " for product " + l.productId() + " expires on " + Instant.ofEpochMilli(expiry)
                                    + ". Renew it to keep using the product.");
                    return true;
                });
                sent += mailed ? 1 : 0;
            }
            if (page.size() < PAGE) {
                return sent;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * Records each license whose effective expiry plus grace has passed as lapsed ({@code lapsed_at},
     * audit {@code license.lapse} by the system). Status stays {@code active}: validation already
     * answers EXPIRED from the expiry itself (and the policy's expiryStrategy may still allow use),
     * so the record is for sellers and reports, and a renewal or extension clears it.
     */
    int markLapsed() {
        long now = clock.millis();
        int lapsed = 0;
        for (String after = ""; ; ) {
            List<License> page = store.activeAfter(after, PAGE);
            for (License l : page) {
                Policy p = policies.forLicense(l);
                Long expiry = Validator.expiresAt(l, p);
                if (expiry == null || now < expiry + p.graceSeconds() * 1000) {
                    continue;
                }
                boolean changed = store.jdbi().inTransaction(h -> {
                    if (!store.lapse(h, l.id(), now)) {
                        return false;
                    }
                    audit.record(h, AuditLog.Actor.SYSTEM, "license.lapse", LicenseLifecycle.SUBJECT, l.id(), Map.of("expiresAt", expiry));
                    return true;
                });
                lapsed += changed ? 1 : 0;
            }
            if (page.size() < PAGE) {
                return lapsed;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
