package com.mintreu.engine.assistant;

import javax.inject.Inject;
import org.jdbi.v3.core.Handle;

/** The assistant's answers per UTC day and subject ({@code assistant_usage}, V83). SQL only. */
final class UsageStore {

    /** The subject of the whole shop's count. */
    static final String SHOP = "*";

    @Inject
    UsageStore() {}

    /** Makes the day's row of {@code subject} (at 0) unless it exists; true when this call made it. */
    boolean open(Handle h, long day, String subject) {
        return h.createUpdate("INSERT INTO assistant_usage (day, subject, used) VALUES (:day, :subject, 0) ON CONFLICT (day, subject) DO NOTHING")
                .bind("day", day).bind("subject", subject).execute() == 1;
    }

    /** Counts one answer when fewer than {@code cap} were counted: the conditional UPDATE is the check; false at the cap. */
    boolean take(Handle h, long day, String subject, int cap) {
        return h.createUpdate("UPDATE assistant_usage SET used = used + 1 WHERE day = :day AND subject = :subject AND used < :cap")
                .bind("day", day).bind("subject", subject).bind("cap", cap).execute() == 1;
    }

    int used(Handle h, long day, String subject) {
        return h.createQuery("SELECT used FROM assistant_usage WHERE day = :day AND subject = :subject")
                .bind("day", day).bind("subject", subject).mapTo(Integer.class).findOne().orElse(0);
    }

    /** Forgets the per-visitor rows of days before {@code day}; the shop's own rows stay as the history of usage. */
    void forgetVisitorsBefore(Handle h, long day) {
        h.createUpdate("DELETE FROM assistant_usage WHERE day < :day AND subject <> :shop").bind("day", day).bind("shop", SHOP).execute();
    }
}
