package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation counts are kept in memory and written in batches: none may be lost or counted twice
 * when validations race with flushes, on either database.
 */
class ValidationTallyTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void racingValidationsAndFlushesCountEveryValidationOnce(String kind) throws Exception {
        int threads = 8;
        int each = 25;
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic a = f.license(null);
            Lic b = f.license(null);
            ValidationTally tally = f.e.engine().component().validationTally();
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                List<Future<?>> validators = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Lic l = t % 2 == 0 ? a : b;
                    validators.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            assertThat(f.validate(l, null).get("code").asText()).isEqualTo("VALID");
                        }
                        return null;
                    }));
                }
                Future<?> flusher = pool.submit(() -> {
                    start.await();
                    while (!done.get()) {
                        tally.flush();
                    }
                    return null;
                });
                long before = f.e.clock().millis();
                start.countDown();
                for (Future<?> v : validators) {
                    v.get();
                }
                done.set(true);
                flusher.get();

                JsonNode detail = f.seller.client().get("/api/v1/seller/licenses/" + a.id()).json();
                assertThat(detail.get("validationCount").asLong()).isEqualTo((long) threads / 2 * each);
                assertThat(detail.get("lastValidatedAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isGreaterThanOrEqualTo(before);
                assertThat(f.seller.client().get("/api/v1/seller/licenses/" + b.id()).json().get("validationCount").asLong())
                        .isEqualTo((long) threads / 2 * each);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
