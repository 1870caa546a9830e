package com.mintreu.engine.plugin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the engine calls into plugin code: on bounded daemon threads, with the plugin's
 * class loader as context class loader, and with a timeout, so a hung or slow plugin costs the
 * caller at most the timeout and never a thread of the HTTP server.
 *
 * <p>Each plugin has its own pool (a bulkhead): {@code threadsPerPlugin} call threads and
 * {@code queuePerPlugin} waiting calls. A plugin whose calls hang can only fill its own pool; its
 * further calls fail at once with {@link PluginErrorCode#PLUGIN_BUSY}, while every other plugin
 * keeps its threads. (One shared pool let 16 hung calls into one gateway delay every other
 * plugin's calls behind them.) Pools are made on a plugin's first call and their threads end when
 * idle, so a plugin that is rarely called costs nothing.
 *
 * <p>A call made from a thread that is already running plugin code (a plugin handler publishing
 * an event another plugin consumes) runs inline without a new timeout: queueing it would let
 * nested calls exhaust a pool and deadlock.
 *
 * <p>A timed-out call is interrupted but may keep running if the plugin ignores interrupts; it
 * then occupies one of its plugin's threads until it returns, which is why the pools are bounded
 * and a full one answers {@code PLUGIN_BUSY} instead of queueing without limit.
 */
public final class PluginDispatcher implements AutoCloseable {

    private static final ThreadLocal<Boolean> IN_PLUGIN_CALL = ThreadLocal.withInitial(() -> false);

    private final Duration timeout;
    private final int threadsPerPlugin;
    private final int queuePerPlugin;
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private final Map<String, ClassLoader> classLoaders = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A dispatcher giving each plugin {@code threadsPerPlugin} call threads and {@code queuePerPlugin} waiting calls. */
    public PluginDispatcher(Duration timeout, int threadsPerPlugin, int queuePerPlugin) {
        if (threadsPerPlugin < 1 || queuePerPlugin < 0) {
            throw new IllegalArgumentException("threadsPerPlugin must be positive and queuePerPlugin not negative");
        }
        this.timeout = timeout;
        this.threadsPerPlugin = threadsPerPlugin;
        this.queuePerPlugin = queuePerPlugin;
    }

    /**
     * A dispatcher sized for a small server: 8 threads and 32 waiting calls per plugin. Eight is
     * half the 16 the whole engine used to share: enough for a gateway or storage plugin serving
     * concurrent checkouts and downloads, few enough that a hung one ties up little. 8 + 32 is more
     * than the HTTP server's 32 default workers, so request traffic alone cannot make a healthy
     * plugin answer {@code PLUGIN_BUSY}.
     */
    public PluginDispatcher(Duration timeout) {
        this(timeout, 8, 32);
    }

    /** Calls of {@code pluginId} running or waiting for one of its threads, hung ones included (for tests and metrics). */
    public int callsInProgress(String pluginId) {
        ThreadPoolExecutor pool = pools.get(pluginId);
        return pool == null ? 0 : pool.getActiveCount() + pool.getQueue().size();
    }

    /** The limit applied to every call. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code call} as plugin {@code pluginId} and returns its result.
     *
     * @param operation what is being done, for messages and logs, e.g. {@code "put"} or {@code "GET files/{name}"}
     * @throws PluginTimeoutException when no answer came within the timeout
     * @throws PluginCallException    when the plugin threw ({@code PLUGIN_ERROR}, cause attached), the pool
     *                                was full ({@code PLUGIN_BUSY}) or the caller was interrupted
     */
    public <T> T call(String pluginId, String operation, Callable<T> call) {
        if (IN_PLUGIN_CALL.get()) {
            return runAs(pluginId, operation, call);
        }
        ThreadPoolExecutor pool = poolOf(pluginId);
        Future<T> future;
        try {
            future = pool.submit(() -> {
                IN_PLUGIN_CALL.set(true);
                try {
                    return runAs(pluginId, operation, call);
                } finally {
                    IN_PLUGIN_CALL.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new PluginCallException(PluginErrorCode.PLUGIN_BUSY, pluginId, operation, closed ? "the engine is shutting down"
                    : "all " + threadsPerPlugin + " call threads of this plugin are busy and " + queuePerPlugin + " calls wait", e);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            // a call still waiting in the queue would keep its slot until a hung thread frees up
            pool.remove((Runnable) future);
            throw new PluginTimeoutException(pluginId, operation, timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PluginCallException(PluginErrorCode.PLUGIN_INTERRUPTED, pluginId, operation, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            // runAs already wrapped plugin throwables; unwrap so callers see one exception type
            if (e.getCause() instanceof PluginCallException pce) {
                throw pce;
            }
            throw error(pluginId, operation, e.getCause());
        }
    }

    private ThreadPoolExecutor poolOf(String pluginId) {
        return pools.computeIfAbsent(pluginId, id -> {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threadsPerPlugin, threadsPerPlugin, 60, TimeUnit.SECONDS,
                    queuePerPlugin == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queuePerPlugin), r -> {
                        Thread t = new Thread(r, "plugin-" + id + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.AbortPolicy());
            pool.allowCoreThreadTimeOut(true);
            if (closed) {
                pool.shutdownNow();
            }
            return pool;
        });
    }

    /** Makes {@code loader} the context class loader of calls for {@code pluginId} (libraries inside plugins look there). */
    void register(String pluginId, ClassLoader loader) {
        classLoaders.put(pluginId, loader);
    }

    void unregister(String pluginId) {
        classLoaders.remove(pluginId);
    }

    private <T> T runAs(String pluginId, String operation, Callable<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoaders.getOrDefault(pluginId, previous));
        try {
            return call.call();
        } catch (PluginCallException | VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            // Errors too (NoClassDefFoundError from a badly packaged plugin): it is the plugin's fault, not the engine's
            throw error(pluginId, operation, t);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static PluginCallException error(String pluginId, String operation, Throwable t) {
        String detail = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new PluginCallException(PluginErrorCode.PLUGIN_ERROR, pluginId, operation, detail, t);
    }

    /** Stops accepting calls and interrupts running ones. */
    @Override
    public void close() {
        closed = true;
        pools.values().forEach(ThreadPoolExecutor::shutdownNow);
    }
}
