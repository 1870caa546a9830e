package com.mintreu.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginDispatcherTest {

    final PluginDispatcher dispatcher = new PluginDispatcher(Duration.ofMillis(200), 2, 1);

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void returnsTheResult() {
        assertThat(dispatcher.call("p", "op", () -> 42)).isEqualTo(42);
    }

    @Test
    void aSlowPluginTimesOutWithItsOwnCode() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> dispatcher.call("slow-plugin", "put", () -> {
            Thread.sleep(5_000);
            return null;
        }))
                .isInstanceOf(PluginTimeoutException.class)
                .hasMessageContaining("PLUGIN_TIMEOUT").hasMessageContaining("slow-plugin").hasMessageContaining("put")
                .satisfies(e -> assertThat(((PluginCallException) e).code()).isEqualTo(PluginErrorCode.PLUGIN_TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aThrowingPluginGivesPluginErrorWithTheCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> dispatcher.call("bad-plugin", "refund", () -> {
            throw boom;
        }))
                .isExactlyInstanceOf(PluginCallException.class)
                .hasMessageContaining("PLUGIN_ERROR").hasMessageContaining("bad-plugin").hasMessageContaining("refund").hasMessageContaining("boom")
                .hasCause(boom)
                .satisfies(e -> assertThat(((PluginCallException) e).code()).isEqualTo(PluginErrorCode.PLUGIN_ERROR));
    }

    @Test
    void errorsThrownByPluginsAreWrappedToo() {
        assertThatThrownBy(() -> dispatcher.call("p", "load", () -> {
            throw new NoClassDefFoundError("com/example/Missing");
        })).isInstanceOf(PluginCallException.class).hasMessageContaining("NoClassDefFoundError");
    }

    @Test
    void aFullPoolAnswersBusyInsteadOfQueueingForever() throws Exception {
        PluginDispatcher dispatcher = new PluginDispatcher(Duration.ofSeconds(5), 2, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        Thread[] holders = new Thread[3];
        for (int i = 0; i < holders.length; i++) {
            holders[i] = Thread.ofPlatform().start(() -> {
                try {
                    dispatcher.call("p", "hold", () -> {
                        running.countDown();
                        return release.await(5, TimeUnit.SECONDS);
                    });
                } catch (PluginCallException expected) {
                    // the holders time out; they only exist to fill the pool and the queue
                }
            });
        }
        assertThat(running.await(2, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // let the third holder take the single queue slot
        assertThatThrownBy(() -> dispatcher.call("p", "extra", () -> 1))
                .isInstanceOf(PluginCallException.class)
                .satisfies(e -> assertThat(((PluginCallException) e).code()).isEqualTo(PluginErrorCode.PLUGIN_BUSY));
        release.countDown();
        for (Thread t : holders) {
            t.join();
        }
        dispatcher.close();
    }

    @Test
    void aPluginWhoseCallsHangCannotTakeAnotherPluginsThreads() throws Exception {
        PluginDispatcher dispatcher = new PluginDispatcher(Duration.ofSeconds(30), 2, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> hung = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hung.add(callers.submit(() -> {
                    start.await();
                    return dispatcher.call("hung", "hold", () -> release.await(30, TimeUnit.SECONDS));
                }));
            }
            start.countDown();
            awaitCalls(dispatcher, "hung", 3); // two running, one waiting: its whole share

            assertThatThrownBy(() -> dispatcher.call("hung", "more", () -> 1))
                    .isInstanceOf(PluginCallException.class).hasMessageContaining("hung")
                    .satisfies(e -> assertThat(((PluginCallException) e).code()).isEqualTo(PluginErrorCode.PLUGIN_BUSY));
            for (int i = 0; i < 20; i++) {
                int n = i;
                assertThat(dispatcher.call("healthy", "op", () -> n)).isEqualTo(n);
            }
            assertThat(hung).as("the other plugin answered while these were still blocked").noneMatch(Future::isDone);

            release.countDown();
            for (Future<Boolean> f : hung) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            release.countDown();
            callers.shutdownNow();
            dispatcher.close();
        }
    }

    @Test
    void aQueuedCallThatTimesOutGivesItsPlaceBack() throws Exception {
        PluginDispatcher dispatcher = new PluginDispatcher(Duration.ofMillis(300), 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                dispatcher.call("p", "hold", () -> {
                    // deaf to the interrupt of its own timeout, like a read on a dead socket: it keeps the single thread
                    while (true) {
                        try {
                            return release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException ignored) {
                            // keep holding
                        }
                    }
                });
            } catch (PluginCallException expected) {
                // it times out; it only exists to keep the single thread busy
            }
        });
        try {
            awaitCalls(dispatcher, "p", 1);
            for (int i = 0; i < 3; i++) {
                // each waits in the single queue slot and times out; without removal the second would be PLUGIN_BUSY
                assertThatThrownBy(() -> dispatcher.call("p", "queued", () -> 1))
                        .satisfies(e -> assertThat(((PluginCallException) e).code()).isEqualTo(PluginErrorCode.PLUGIN_TIMEOUT));
            }
        } finally {
            release.countDown();
            holder.join();
            dispatcher.close();
        }
    }

    private static void awaitCalls(PluginDispatcher dispatcher, String pluginId, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dispatcher.callsInProgress(pluginId) < expected) {
            assertThat(System.nanoTime()).as("calls of " + pluginId + " in progress").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void nestedCallsRunInlineSoTheyCannotDeadlockThePool() {
        PluginDispatcher single = new PluginDispatcher(Duration.ofSeconds(2), 1, 1);
        try {
            int result = single.call("a", "outer", () -> single.call("b", "inner", () -> 7));
            assertThat(result).isEqualTo(7);
        } finally {
            single.close();
        }
    }
}
