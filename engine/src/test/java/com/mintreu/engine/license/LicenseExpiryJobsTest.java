package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.jobs.JobScheduler;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expiry jobs, driven by the engine's clock: reminders 7 days and 1 day ahead, each once, the
 * lapse record, and both exactly once when two engine nodes on one database race them. Each test
 * boots its own engine: moving the clock by days ends the fixture's sessions.
 */
class LicenseExpiryJobsTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    static long mails(TestEngine e, Lic l, String phrase) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE :id AND payload LIKE :p")
                .bind("id", "%" + l.id() + "%").bind("p", "%" + phrase + "%").mapTo(Long.class).one());
    }

    static void runJobs(TestEngine e, Duration after) {
        e.clock().advance(after);
        e.engine().component().jobScheduler().runDue();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void remindsSevenDaysAndOneDayAheadOnceEachThenRecordsTheLapse(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(Map.of("durationSeconds", 10 * 86_400, "graceSeconds", 86_400));
            Lic perpetual = f.license(null);
            TestEngine e = f.e;

            runJobs(e, Duration.ofDays(2));
            assertThat(mails(e, lic, "")).as("more than 7 days ahead").isZero();
            runJobs(e, Duration.ofDays(1).plusHours(1));
            assertThat(mails(e, lic, "in 7 days")).isEqualTo(1);
            runJobs(e, Duration.ofHours(2));
            runJobs(e, Duration.ofDays(3));
            assertThat(mails(e, lic, "")).as("a rerun sends nothing again").isEqualTo(1);
            runJobs(e, Duration.ofDays(3).plusHours(12));
            assertThat(mails(e, lic, "tomorrow")).isEqualTo(1);
            runJobs(e, Duration.ofHours(2));
            assertThat(mails(e, lic, "")).isEqualTo(2);
            String to = e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail' AND payload LIKE :id")
                    .bind("id", "%" + lic.id() + "%").mapTo(String.class).first());
            assertThat(to).contains(lic.customer().id() + "@example.test");
            assertThat(mails(e, perpetual, "")).isZero();

            runJobs(e, Duration.ofDays(1).plusHours(1));
            assertThat(lapsedAt(e, lic)).as("expired but in grace").isNull();
            runJobs(e, Duration.ofDays(1).plusHours(1));
            assertThat(lapsedAt(e, lic)).isNotNull();
            assertThat(lapsedAt(e, perpetual)).isNull();
            List<String> audit = e.jdbi().withHandle(h -> h.createQuery("SELECT actor_role || ' ' || action FROM audit_log WHERE subject_id = :id")
                    .bind("id", lic.id()).mapTo(String.class).list());
            assertThat(audit).containsExactly("system license.lapse");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void twoNodesOnOneDatabaseSendEachReminderOnce(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind);
                TestEngine second = TestEngine.secondNode(f.e, "outbox: {pollInterval: 1h, retryBase: 30s}\n")) {
            List<Lic> lics = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lics.add(f.license(Map.of("durationSeconds", 10 * 86_400)));
            }
            // both nodes at the same moment: 3 days and an hour in, inside the 7-day window
            f.e.clock().advance(Duration.ofDays(3).plusHours(1));
            second.clock().advance(Duration.ofMillis(f.e.clock().millis() - second.clock().millis()));
            List<JobScheduler> nodes = List.of(f.e.engine().component().jobScheduler(), second.engine().component().jobScheduler());
            List<String> ran = race(nodes);
            assertThat(ran.stream().filter("license-expiry-reminders"::equals)).as("the job ran once across both nodes").hasSize(1);
            for (Lic l : lics) {
                assertThat(mails(f.e, l, "in 7 days")).as(l.id()).isEqualTo(1);
            }
            long reminders = f.e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM license_reminders").mapTo(Long.class).one());
            assertThat(reminders).isEqualTo(3);

            // even with the job's lease taken from under it, the reminder rows keep the mails single
            f.e.jdbi().useHandle(h -> h.execute("UPDATE job_leases SET leased_until = 0"));
            race(nodes);
            for (Lic l : lics) {
                assertThat(mails(f.e, l, "")).as(l.id()).isEqualTo(1);
            }
        }
    }

    private static List<String> race(List<JobScheduler> nodes) throws Exception {
        int rounds = 4;
        // every node runs its due jobs four times at once: what each run did, all together
        return Race.of(rounds * nodes.size(), i -> nodes.get(i % nodes.size()).runDue()).stream().flatMap(List::stream).toList();
    }

    private static Long lapsedAt(TestEngine e, Lic l) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT lapsed_at FROM licenses WHERE id = :id").bind("id", l.id())
                .mapTo(Long.class).findOne().orElse(null));
    }
}
