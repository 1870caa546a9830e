package com.mintreu.api.metering;

import com.mintreu.api.Extension;

/**
 * Counts API usage and enforces rate limits and quotas. The engine has an in-process meter (one
 * node: exact, in memory); a plugin can provide a shared one (Redis) for several nodes, selected by
 * its {@link #id()} in {@code apiKeys.meter}. The engine calls it on every key verification, through
 * its plugin dispatcher, so each call must answer in bounded time (one round trip, no retry loops).
 *
 * <p>Idempotency: an event id is remembered per subject, across {@link #consume} and {@link #record},
 * for at least the meter's documented window; a repeated id never counts twice. Concurrency: for one
 * subject, the decisions must be as if the calls ran one at a time (N racing consumptions of cost 1
 * against a limit of L admit exactly L).
 */
public interface UsageMeter extends Extension {

    /**
     * Checks {@code request.cost()} against every limit and, when all admit it, consumes it from each
     * and adds it to the subject's totals; otherwise consumes nothing. A replayed event id answers the
     * first decision with {@link Decision#replayed()} set and changes nothing.
     */
    Decision consume(Consumption request);

    /**
     * Adds reported usage to the subject's totals without checking limits (usage a seller measured
     * themselves). The counters of rate limits are not touched. Idempotent by event id.
     */
    Recorded record(Usage usage);

    /** The subject's units in one period. Must not change anything. */
    Totals totals(TotalsQuery query);
}
