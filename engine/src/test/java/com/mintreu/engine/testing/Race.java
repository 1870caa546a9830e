package com.mintreu.engine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A race as the race tests run it: n threads, each waiting on one start latch, released at once. */
public final class Race {

    private Race() {}

    /** One racer's call; {@code i} is its index, 0 to n-1. */
    @FunctionalInterface
    public interface Call<R> {
        R run(int i) throws Exception;
    }

    /** One racer's work without a result. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code call} on {@code n} threads released at once; the results in index order. A racer's failure fails the race. */
    public static <R> List<R> of(int n, Call<R> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code work} on {@code n} threads released at once. */
    public static void run(int n, Work work) throws Exception {
        of(n, i -> {
            work.run();
            return null;
        });
    }
}
