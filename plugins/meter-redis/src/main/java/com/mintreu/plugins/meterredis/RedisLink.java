package com.mintreu.plugins.meterredis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;

/**
 * One shared Lettuce connection (Lettuce pipelines the calls of every thread over it). Made on the
 * first call, not at start, so an engine that starts before Redis gets its meter once Redis is up.
 * No retry storms: while disconnected, commands fail at once (503 to the caller) instead of
 * queueing, Lettuce reconnects in the background with its backoff, and a failed connect is not
 * tried again for {@link #RECONNECT_PAUSE}.
 */
final class RedisLink implements AutoCloseable {

    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private long lastFailure;

    RedisLink(String uri, Duration timeout, ClientResources resources) {
        RedisURI target = RedisURI.create(uri);
        target.setTimeout(timeout);
        this.client = resources == null ? RedisClient.create(target) : RedisClient.create(resources, target);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** Runs a script by its SHA in one round trip; loads it once after Redis lost it (a restart or SCRIPT FLUSH). */
    @SuppressWarnings("unchecked")
    List<Object> run(Script script, List<String> keys, List<String> args) {
        RedisCommands<String, String> redis = commands();
        String[] k = keys.toArray(String[]::new);
        String[] a = args.toArray(String[]::new);
        try {
            return (List<Object>) redis.evalsha(script.sha, ScriptOutputType.MULTI, k, a);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(script.source);
            return (List<Object>) redis.evalsha(script.sha, ScriptOutputType.MULTI, k, a);
        }
    }

    String get(String key) {
        return commands().get(key);
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            c = connect();
        }
        return c.sync();
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
        if (connection != null) {
            return connection;
        }
        long now = System.nanoTime();
        if (lastFailure != 0 && now - lastFailure < RECONNECT_PAUSE.toNanos()) {
            throw new IllegalStateException("Redis was unreachable less than " + RECONNECT_PAUSE.toMillis() + " ms ago");
        }
        try {
            StatefulRedisConnection<String, String> c = client.connect();
            for (Script s : Script.values()) {
                c.sync().scriptLoad(s.source);
            }
            connection = c;
            return c;
        } catch (RuntimeException e) {
            lastFailure = now;
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
