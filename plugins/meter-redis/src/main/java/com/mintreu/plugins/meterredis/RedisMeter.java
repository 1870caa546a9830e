package com.mintreu.plugins.meterredis;

import com.mintreu.api.PluginContext;
import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.Recorded;
import com.mintreu.api.metering.Totals;
import com.mintreu.api.metering.TotalsQuery;
import com.mintreu.api.metering.Usage;
import com.mintreu.api.metering.UsageMeter;
import com.mintreu.api.metering.Window;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link UsageMeter} whose counters live in Redis, so every node shares them. Each decision is
 * one Lua script run with EVALSHA (one round trip); Redis runs a script alone, so the check and
 * the consumption of every limit are one atomic step, exact under any concurrency across nodes.
 * Same semantics as the engine's in-process meter: calendar windows in UTC, all-or-nothing
 * consumption, event ids remembered per subject for {@link #EVENT_MEMORY} (judged by the
 * engine's clock, and expired by Redis a day after that).
 */
@Extension
public final class RedisMeter implements UsageMeter {

    public static final String ID = "meter-redis";
    static final Duration EVENT_MEMORY = Duration.ofDays(35);
    private static final long EVENT_TTL = EVENT_MEMORY.plusDays(1).toMillis();
    private static final Logger log = LoggerFactory.getLogger(RedisMeter.class);

    private final ClientResources resources;
    private RedisLink redis;
    private MeterKeys keys;

    public RedisMeter() {
        this(null);
    }

    /** With the client's resources given (tests count the commands sent through them). */
    RedisMeter(ClientResources resources) {
        this.resources = resources;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends Record> configType() {
        return RedisMeterConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        RedisMeterConfig config = ctx.config(RedisMeterConfig.class);
        Duration half = ctx.callTimeout().dividedBy(2);
        Duration timeout = config.timeout().compareTo(half) > 0 ? half : config.timeout();
        this.keys = new MeterKeys(config.keyPrefix());
        this.redis = new RedisLink(config.uri(), timeout, resources);
        log.info("meter-redis: counters at {} under '{}', timeout {}", config.where(), config.keyPrefix(), timeout);
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    public Decision consume(Consumption c) {
        List<Limit> limits = c.limits();
        Window[] windows = Window.values();
        List<String> k = new ArrayList<>(1 + limits.size() + windows.length);
        k.add(keys.event(c.subject(), c.eventId() == null ? "" : c.eventId()));
        for (Limit l : limits) {
            k.add(keys.counter(c.subject(), l, c.at()));
        }
        for (Window w : windows) {
            k.add(keys.totals(c.subject(), w, c.at()));
        }
        List<String> a = new ArrayList<>(6 + windows.length + 7 * limits.size());
        a.add(Long.toString(c.cost()));
        a.add(Long.toString(c.at().toEpochMilli()));
        a.add(Long.toString(EVENT_MEMORY.toMillis()));
        a.add(Long.toString(EVENT_TTL));
        a.add(c.eventId() == null ? "0" : "1");
        a.add(Integer.toString(limits.size()));
        for (Window w : windows) {
            a.add(Long.toString(MeterKeys.totalsTtl(w, c.at())));
        }
        for (Limit l : limits) {
            a.add(l.name());
            a.add(Long.toString(l.max()));
            a.add(l.enforced() ? "1" : "0");
            a.add((l.kind() == Limit.Kind.RATE ? Decision.Verdict.RATE_LIMITED : Decision.Verdict.QUOTA_EXCEEDED).name());
            a.add(Long.toString(l.end(c.at()).toEpochMilli()));
            a.add(Long.toString(MeterKeys.counterTtl(l, c.at())));
            a.add(Integer.toString(l.window().ordinal()));
        }
        List<Object> r = redis.run(Script.CONSUME, k, a);
        String name = (String) r.get(2);
        String reset = (String) r.get(5);
        return new Decision(Decision.Verdict.valueOf((String) r.get(1)), name.isEmpty() ? null : name, Long.parseLong((String) r.get(3)),
                Long.parseLong((String) r.get(4)), reset.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(reset)), "1".equals(r.get(0)));
    }

    @Override
    public Recorded record(Usage u) {
        Window[] windows = Window.values();
        List<String> k = new ArrayList<>(1 + windows.length);
        k.add(keys.event(u.subject(), u.eventId()));
        for (Window w : windows) {
            k.add(keys.totals(u.subject(), w, u.at()));
        }
        List<String> a = new ArrayList<>(4 + windows.length);
        a.add(Long.toString(u.units()));
        a.add(Long.toString(u.at().toEpochMilli()));
        a.add(Long.toString(EVENT_MEMORY.toMillis()));
        a.add(Long.toString(EVENT_TTL));
        for (Window w : windows) {
            a.add(Long.toString(MeterKeys.totalsTtl(w, u.at())));
        }
        return new Recorded(Long.valueOf(1).equals(redis.run(Script.RECORD, k, a).get(0)));
    }

    @Override
    public Totals totals(TotalsQuery q) {
        String units = redis.get(keys.totals(q.subject(), q.window(), q.at()));
        return new Totals(units == null ? 0 : Long.parseLong(units), q.window().start(q.at()), q.window().end(q.at()));
    }
}
