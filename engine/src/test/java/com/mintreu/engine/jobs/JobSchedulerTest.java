package com.mintreu.engine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class JobSchedulerTest {

    @EngineTest
    void twoNodesOnOneDatabaseRunEachJobOncePerInterval(TestEngine engine) throws Exception {
        try (TestEngine second = TestEngine.secondNode(engine, "")) {
            // both nodes see the same moment, an interval after anything earlier tests did
            engine.clock().advance(Duration.ofHours(2));
            second.clock().advance(Duration.ofHours(2));
            List<JobScheduler> nodes = List.of(engine.engine().component().jobScheduler(), second.engine().component().jobScheduler());
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            int rounds = 8;
            ExecutorService pool = Executors.newFixedThreadPool(rounds * 2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    for (JobScheduler node : nodes) {
                        done.add(pool.submit(() -> {
                            start.await();
                            ran.addAll(node.runDue());
                            return null;
                        }));
                    }
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ran).as("every job ran exactly once across both nodes").doesNotHaveDuplicates().contains("session-purge");

            assertThat(nodes.get(1).runDue()).as("not due again within the interval").isEmpty();
            second.clock().advance(Duration.ofMinutes(61));
            assertThat(nodes.get(1).runDue()).as("due again after the interval").contains("session-purge");
        }
    }

    @EngineTest
    void sessionPurgeDeletesOnlyExpiredSessions(TestEngine engine) {
        var sessions = engine.jdbi();
        long now = engine.clock().millis();
        sessions.useHandle(h -> {
            h.execute("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('old-' || ?, NULL, 'c', 0, 0, ?)", now, now - 1);
            h.execute("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('new-' || ?, NULL, 'c', 0, 0, ?)", now, now + 3_600_000_000L);
        });
        engine.clock().advance(Duration.ofHours(3));
        engine.engine().component().jobScheduler().runDue();
        int old = sessions.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE id_hash = 'old-' || :n").bind("n", now).mapTo(Integer.class).one());
        int fresh = sessions.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE id_hash = 'new-' || :n").bind("n", now).mapTo(Integer.class).one());
        assertThat(old).isZero();
        assertThat(fresh).isEqualTo(1);
    }
}
