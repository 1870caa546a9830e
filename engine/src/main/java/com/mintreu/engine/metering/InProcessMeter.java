package com.mintreu.engine.metering;

import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.Recorded;
import com.mintreu.api.metering.Totals;
import com.mintreu.api.metering.TotalsQuery;
import com.mintreu.api.metering.Usage;
import com.mintreu.api.metering.UsageMeter;
import com.mintreu.api.metering.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The engine's own {@link UsageMeter}: counters in this node's memory, exact under concurrency
 * because each subject's decisions are taken under that subject's lock (different subjects never
 * wait on each other). Windows are fixed and calendar-aligned ({@link Window}). What it does not
 * do: share counters between nodes (two nodes each admit a full limit; that is the Redis meter's
 * job) or survive a restart (a quota starts over). Event ids are remembered per subject for
 * {@link #EVENT_MEMORY} or the last {@link #EVENTS_PER_SUBJECT}, whichever is fewer.
 */
@Singleton
public final class InProcessMeter implements UsageMeter {

    public static final String ID = "in-process";
    static final Duration EVENT_MEMORY = Duration.ofDays(35);
    static final int EVENTS_PER_SUBJECT = 100_000;
    /** How many past windows of each size a subject's totals keep. */
    private static final Map<Window, Integer> HISTORY = new EnumMap<>(Map.of(Window.SECOND, 2, Window.MINUTE, 120, Window.HOUR, 72,
            Window.DAY, 62, Window.MONTH, 24));
    private static final Window[] WINDOWS = Window.values();

    private final Map<String, Subject> subjects = new ConcurrentHashMap<>();

    @Inject
    public InProcessMeter() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Decision consume(Consumption c) {
        Subject s = subjects.computeIfAbsent(c.subject(), k -> new Subject());
        synchronized (s) {
            Decision seen = s.seen(c.eventId(), c.at());
            if (seen != null) {
                return seen.asReplay();
            }
            Decision decision = s.decide(c);
            s.remember(c.eventId(), decision, c.at());
            return decision;
        }
    }

    @Override
    public Recorded record(Usage u) {
        Subject s = subjects.computeIfAbsent(u.subject(), k -> new Subject());
        synchronized (s) {
            if (s.seen(u.eventId(), u.at()) != null) {
                return new Recorded(true);
            }
            s.addTotals(u.units(), u.at());
            s.remember(u.eventId(), null, u.at());
            return new Recorded(false);
        }
    }

    @Override
    public Totals totals(TotalsQuery q) {
        Instant from = q.window().start(q.at());
        Subject s = subjects.get(q.subject());
        long units = 0;
        if (s != null) {
            synchronized (s) {
                units = s.totals.getOrDefault(q.window(), new TreeMap<>()).getOrDefault(from.toEpochMilli(), 0L);
            }
        }
        return new Totals(units, from, q.window().end(q.at()));
    }

    /** One subject's counters, totals and remembered event ids; guarded by its own monitor. */
    private static final class Subject {

        /** limit name → {window start, used}. */
        private final Map<String, long[]> counters = new HashMap<>();
        private final Map<Window, TreeMap<Long, Long>> totals = new EnumMap<>(Window.class);
        /** window → {start, end} of the window the last use fell in. */
        private final Map<Window, long[]> open = new EnumMap<>(Window.class);
        /** event id → the decision (null for recorded usage) and when; oldest first. */
        private final LinkedHashMap<String, Seen> events = new LinkedHashMap<>();

        private record Seen(Decision decision, long at) {}

        Decision seen(String eventId, Instant at) {
            if (eventId == null) {
                return null;
            }
            forgetOld(at.toEpochMilli());
            Seen s = events.get(eventId);
            if (s == null) {
                return null;
            }
            // a recorded usage's id given to consume: nothing more is taken, and nothing was refused
            return s.decision() != null ? s.decision() : new Decision(Decision.Verdict.ALLOWED, null, 0, 0, null, false);
        }

        void remember(String eventId, Decision d, Instant at) {
            if (eventId != null) {
                events.put(eventId, new Seen(d, at.toEpochMilli()));
                if (events.size() > EVENTS_PER_SUBJECT) {
                    Iterator<String> oldest = events.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
            }
        }

        private void forgetOld(long now) {
            long before = now - EVENT_MEMORY.toMillis();
            for (Iterator<Seen> it = events.values().iterator(); it.hasNext();) {
                if (it.next().at() >= before) {
                    break;
                }
                it.remove();
            }
        }

        Decision decide(Consumption c) {
            long[][] current = new long[c.limits().size()][];
            for (int i = 0; i < current.length; i++) {
                Limit l = c.limits().get(i);
                long start = l.start(c.at()).toEpochMilli();
                long[] counter = counters.computeIfAbsent(l.name(), k -> new long[] {start, 0});
                if (counter[0] != start) {
                    counter[0] = start;
                    counter[1] = 0;
                }
                current[i] = counter;
                if (l.enforced() && counter[1] + c.cost() > l.max()) {
                    Decision.Verdict v = l.kind() == Limit.Kind.RATE ? Decision.Verdict.RATE_LIMITED : Decision.Verdict.QUOTA_EXCEEDED;
                    return new Decision(v, l.name(), l.max(), Math.max(0, l.max() - counter[1]), l.end(c.at()), false);
                }
            }
            // the limit nearest to refusing; on a tie the longer window (the quota) says more
            int closest = -1;
            long closestRemaining = 0;
            for (int i = 0; i < current.length; i++) {
                Limit l = c.limits().get(i);
                current[i][1] += c.cost();
                long remaining = Math.max(0, l.max() - current[i][1]);
                if (closest < 0 || remaining < closestRemaining
                        || (remaining == closestRemaining && l.window().compareTo(c.limits().get(closest).window()) > 0)) {
                    closest = i;
                    closestRemaining = remaining;
                }
            }
            addTotals(c.cost(), c.at());
            if (closest < 0) {
                return new Decision(Decision.Verdict.ALLOWED, null, 0, 0, null, false);
            }
            Limit l = c.limits().get(closest);
            return new Decision(Decision.Verdict.ALLOWED, l.name(), l.max(), closestRemaining, l.end(c.at()), false);
        }

        void addTotals(long units, Instant at) {
            long ms = at.toEpochMilli();
            for (Window w : WINDOWS) {
                // the window's bounds are computed once per window, not per call (a month's take a calendar)
                long[] bounds = open.computeIfAbsent(w, k -> new long[] {0, Long.MIN_VALUE});
                if (ms < bounds[0] || ms >= bounds[1]) {
                    bounds[0] = w.start(at).toEpochMilli();
                    bounds[1] = w.end(at).toEpochMilli();
                }
                TreeMap<Long, Long> history = totals.computeIfAbsent(w, k -> new TreeMap<>());
                history.merge(bounds[0], units, Long::sum);
                if (history.size() > HISTORY.get(w)) {
                    history.pollFirstEntry();
                }
            }
        }
    }
}
