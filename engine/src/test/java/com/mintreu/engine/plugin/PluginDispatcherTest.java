package com.mintreu.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
