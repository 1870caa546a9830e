package com.mintreu.engine.cli;

import com.mintreu.engine.Engine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs an engine in the foreground until SIGTERM/SIGINT, then closes it gracefully.
 *
 * <p>The shutdown hook is registered <em>before</em> the engine starts: registering it afterwards
 * loses a race with a signal that arrives during start-up (or the demo's seeding), where
 * {@code addShutdownHook} throws "Shutdown in progress" and nothing closes the engine. A signal during
 * start-up waits for the start to finish, then closes what was started.
 */
final class Foreground {

    /** How long a signal during start-up waits for the start to finish before the JVM halts anyway. */
    private static final long START_WAIT_SECONDS = 60;

    private final CountDownLatch startDone = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Engine engine;

    private Foreground() {}

    /** Starts the engine with {@code start} and blocks until a signal has closed it. */
    static void run(Supplier<Engine> start, Consumer<Engine> started) {
        Foreground f = new Foreground();
        Runtime.getRuntime().addShutdownHook(new Thread(f::stop, "mintreu-shutdown"));
        try {
            f.engine = start.get();
        } finally {
            f.startDone.countDown();
        }
        started.accept(f.engine);
        try {
            f.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

    }

    private void stop() {
        try {
            if (startDone.await(START_WAIT_SECONDS, TimeUnit.SECONDS) && engine != null) {
                engine.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }
}
