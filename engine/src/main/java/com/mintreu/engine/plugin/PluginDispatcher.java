package com.mintreu.engine.plugin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the engine calls into plugin code: on a bounded pool of daemon threads, with the
 * plugin's class loader as context class loader, and with a timeout, so a hung or slow plugin
 * costs the caller at most the timeout and never a thread of the HTTP server.
 *
 * <p>A call made from a thread that is already running plugin code (a plugin handler publishing
 * an event another plugin consumes) runs inline without a new timeout: queueing it would let
 * nested calls exhaust the pool and deadlock.
 *
 * <p>A timed-out call is interrupted but may keep running if the plugin ignores interrupts; it
 * then occupies a pool thread until it returns, which is why the pool is bounded and a full pool
 * answers {@link PluginErrorCode#PLUGIN_BUSY} instead of queueing without limit.
 */
public final class PluginDispatcher implements AutoCloseable {

    private static final ThreadLocal<Boolean> IN_PLUGIN_CALL = ThreadLocal.withInitial(() -> false);

    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final Map<String, ClassLoader> classLoaders = new ConcurrentHashMap<>();

    /** A dispatcher with {@code threads} call threads and a queue of {@code queueSize} waiting calls. */
    public PluginDispatcher(Duration timeout, int threads, int queueSize) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
            Thread t = new Thread(r, "plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** A dispatcher sized for a small server: 16 threads, 256 waiting calls. */
    public PluginDispatcher(Duration timeout) {
        this(timeout, 16, 256);
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
            throw new PluginCallException(PluginErrorCode.PLUGIN_BUSY, pluginId, operation,
                    "all " + pool.getMaximumPoolSize() + " plugin call threads are busy", e);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
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
        pool.shutdownNow();
    }
}
