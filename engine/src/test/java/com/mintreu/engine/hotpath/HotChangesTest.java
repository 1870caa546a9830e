package com.mintreu.engine.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The change feed behind the hot-path snapshots: a write to a watched table leaves a row through
 * the V58 triggers; the writing node applies it as its handle closes (before the next request), the
 * other node within a poll; the columns that only count uses leave no row; on both databases.
 */
class HotChangesTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void writesAreSeenAtOnceHereAndWithinAPollElsewhere(String kind) throws Exception {
        try (TestEngine a = TestEngine.boot(kind, ""); TestEngine b = TestEngine.secondNode(a, "")) {
            HotChanges here = a.engine().component().hotChanges();
            HotChanges there = b.engine().component().hotChanges();
            String user = TestUsers.signIn(a, "customer").id();
            HotCache<String, String> onA = new HotCache<>(here, 10, Duration.ofSeconds(30), (v, c) -> c.has("user", v));
            HotCache<String, String> onB = new HotCache<>(there, 10, Duration.ofSeconds(30), (v, c) -> c.has("user", v));
            await(here::fresh);
            await(there::fresh);
            onA.put("u", user, onA.epoch());
            onB.put("u", user, onB.epoch());
            assertThat(onA.get("u")).isEqualTo(user);
            assertThat(onB.get("u")).isEqualTo(user);

            long rows = rows(a);
            a.jdbi().useTransaction(h -> h.createUpdate("UPDATE users SET display_name = 'Renamed' WHERE id = :id").bind("id", user).execute());
            assertThat(rows(a)).as("one row from the trigger").isEqualTo(rows + 1);
            assertThat(onA.get("u")).as("dropped on the writing node as its handle closed").isNull();
            long start = System.nanoTime();
            await(() -> onB.get("u") == null);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the other node dropped it").isLessThan(HotChanges.STALE_AFTER_MS);

            // a load that ran while a change was applied is not kept
            long epoch = onA.epoch();
            a.jdbi().useHandle(h -> h.createUpdate("INSERT INTO user_roles (user_id, role, granted_at) VALUES (:id, 'seller', 0)")
                    .bind("id", user).execute());
            onA.put("u", user, epoch);
            assertThat(onA.get("u")).isNull();

            // bookkeeping columns leave no row
            long before = rows(a);
            a.jdbi().useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = 5 WHERE user_id = :id").bind("id", user).execute());
            a.jdbi().useHandle(h -> h.createUpdate("UPDATE licenses SET validation_count = validation_count + 1").execute());
            assertThat(rows(a)).isEqualTo(before);
        }
    }

    private static long rows(TestEngine e) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hot_changes").mapTo(Long.class).one());
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(done.getAsBoolean()).isTrue();
    }
}
