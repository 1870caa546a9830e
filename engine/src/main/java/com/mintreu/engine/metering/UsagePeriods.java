package com.mintreu.engine.metering;

import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.subscription.Subscription;
import com.mintreu.engine.subscription.SubscriptionStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The billing periods of an API purchase, which are also its quota windows. A purchase of a
 * recurring plan follows its subscription: one period per paid period (the trial is free and not
 * billed), the last one cut at the cancelation. A one-time purchase has the UTC calendar month
 * (the meter's monthly window): the first period is the rest of the month it was bought in, with
 * the whole quota; periods go on until the month the purchase was revoked or expired in.
 */
final class UsagePeriods {

    /** [start, end) in epoch ms. */
    record Period(long start, long end) {

        boolean holds(long at) {
            return at >= start && at < end;
        }
    }

    /** At most this many periods are looked at per purchase and run (a purchase a job missed for years catches up over runs). */
    static final int MAX_PER_RUN = 24;

    private UsagePeriods() {}

    /** The periods of a one-time purchase that start at or after {@code from} and ended by {@code closedBy}, oldest first. */
    static List<Period> months(Entitlement e, long from, long closedBy) {
        Long stop = stop(e);
        List<Period> out = new ArrayList<>();
        long start = Math.max(from, e.createdAt());
        while (out.size() < MAX_PER_RUN && (stop == null || start < stop)) {
            long end = nextMonth(start);
            if (end > closedBy) {
                break;
            }
            out.add(new Period(start, end));
            start = end;
        }
        return out;
    }

    /** The month holding {@code at}, as the quota counts it (the first month starts at the purchase). */
    static Period monthOf(Entitlement e, long at) {
        long start = Math.max(UsageIngest.monthOf(at), e.createdAt());
        return new Period(start, nextMonth(start));
    }

    /** The paid periods of {@code s} that start at or after {@code from} and ended by {@code closedBy}, oldest first. */
    static List<Period> ofSubscription(Subscription s, long from, long closedBy) {
        long last = s.status() == SubscriptionStatus.CANCELED && s.canceledAt() != null ? s.canceledAt() : s.periodEnd(s.currentSeq());
        List<Period> out = new ArrayList<>();
        for (int seq = s.paidFromSeq(); out.size() < MAX_PER_RUN; seq++) {
            long start = seq == s.paidFromSeq() ? s.anchorAt() : s.periodEnd(seq - 1);
            long end = Math.min(s.periodEnd(seq), last);
            if (start >= last || end > closedBy) {
                break;
            }
            if (start >= from && end > start) {
                out.add(new Period(start, end));
            }
        }
        return out;
    }

    /** The subscription's period holding {@code at}; null before its first paid period (the trial) or after it ended. */
    static Period ofSubscriptionAt(Subscription s, long at) {
        for (int seq = s.paidFromSeq(); seq <= s.currentSeq() + 1; seq++) {
            long start = seq == s.paidFromSeq() ? s.anchorAt() : s.periodEnd(seq - 1);
            Period p = new Period(start, s.periodEnd(seq));
            if (p.holds(at)) {
                return p;
            }
        }
        return null;
    }

    private static Long stop(Entitlement e) {
        Long revoked = e.revokedAt();
        Long expires = e.expiresAt();
        if (revoked == null) {
            return expires;
        }
        return expires == null ? revoked : Math.min(revoked, expires);
    }

    private static long nextMonth(long at) {
        return Instant.ofEpochMilli(UsageIngest.monthOf(at)).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
    }
}
