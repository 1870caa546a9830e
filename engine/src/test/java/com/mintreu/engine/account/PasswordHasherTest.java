package com.mintreu.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many sign-ins at once never run more Argon2id hashes than there are cores (each holds 19 MiB of
 * heap; the launcher's small heap depends on this), and every one of them still gets its answer.
 */
class PasswordHasherTest {

    @Test
    void racingHashesWaitForTheGateAndAllComplete() throws Exception {
        PasswordHasher hasher = new PasswordHasher();
        int threads = 4 * PasswordHasher.AT_ONCE + 2;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String password = "password-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    String phc = hasher.hash(password);
                    return hasher.verify(password, phc) && !hasher.verify(password + "x", phc);
                }));
            }
            start.countDown();
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hasher.peakRunning()).isBetween(1, PasswordHasher.AT_ONCE);
    }
}
