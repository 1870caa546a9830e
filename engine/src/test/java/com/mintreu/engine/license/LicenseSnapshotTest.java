package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.hotpath.HotChanges;
import com.mintreu.engine.hotpath.RequestQueries;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * License validation answered from each node's memory (hotpath/README.md): a warm validation runs no
 * SQL on the request thread; a change made on one node (suspend, reinstate, deactivate a machine,
 * a policy, revoke) shows at once on that node and on another node on the same database within
 * {@link HotChanges#STALE_AFTER_MS}; on SQLite and PostgreSQL.
 */
class LicenseSnapshotTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWarmValidationRunsNoSqlAndTheWritingNodeSeesItsOwnWrites(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(Map.of("maxMachines", 2));
            assertThat(LicenseFixture.answer(f.activate(lic, "fp-1"))).isEqualTo("true ACTIVATED");
            Map<String, Object> scope = Map.of("fingerprint", "fp-1", "product", lic.productId(), "version", "1.0.0");
            assertThat(LicenseFixture.answer(f.validate(lic, scope))).as("cold").isEqualTo("true VALID");
            // the first validation wrote first_validated_at, which dropped what it loaded: one more load
            assertThat(LicenseFixture.answer(f.validate(lic, scope))).as("cold again").isEqualTo("true VALID");
            try (RequestQueries sql = RequestQueries.on(f.e)) {
                for (int i = 0; i < 20; i++) {
                    JsonNode warm = f.validate(lic, scope);
                    assertThat(LicenseFixture.answer(warm)).isEqualTo("true VALID");
                    assertThat(warm.get("license").get("machines").asInt()).isEqualTo(1);
                }
                assertThat(sql.statements()).as("SQL run by warm validations").isEmpty();
                assertThat(LicenseFixture.answer(f.validate(lic, Map.of("fingerprint", "fp-2")))).isEqualTo("false FINGERPRINT_SCOPE_MISMATCH");
                sql.clear();
                assertThat(LicenseFixture.answer(f.validate(lic, Map.of("fingerprint", "fp-2")))).isEqualTo("false FINGERPRINT_SCOPE_MISMATCH");
                assertThat(sql.statements()).as("a warm refusal runs no SQL either").isEmpty();
            }
            // writes go to the database and the writing node's next validation sees them at once
            assertThat(LicenseFixture.answer(f.activate(lic, "fp-2"))).isEqualTo("true ACTIVATED");
            JsonNode second = f.validate(lic, Map.of("fingerprint", "fp-2"));
            assertThat(LicenseFixture.answer(second)).isEqualTo("true VALID");
            assertThat(second.get("license").get("machines").asInt()).isEqualTo(2);
            assertThat(LicenseFixture.answer(f.machine("deactivate", lic, "fp-2"))).isEqualTo("true DEACTIVATED");
            assertThat(LicenseFixture.answer(f.validate(lic, Map.of("fingerprint", "fp-2")))).isEqualTo("false FINGERPRINT_SCOPE_MISMATCH");
            assertThat(f.user("add", lic, "Ann@Example.com").get("code").asText()).isEqualTo("SEAT_CLAIMED");
            assertThat(LicenseFixture.answer(f.validate(lic, Map.of("user", "ann@example.com")))).isEqualTo("true VALID");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aChangeOnOneNodeShowsOnTheOtherWithinTheBound(String kind) throws Exception {
        Path plugins = EntitlementTestPlugins.writeTo(Files.createTempDirectory("license-plugins-"));
        try (LicenseFixture a = LicenseFixture.boot(kind, plugins); TestEngine bNode = TestEngine.secondNode(a.e, LicenseFixture.yaml(plugins, ""));
                LicenseFixture b = LicenseFixture.on(bNode)) {
            Lic lic = a.license(Map.of("maxMachines", 3));
            assertThat(LicenseFixture.answer(a.activate(lic, "fp-1"))).isEqualTo("true ACTIVATED");
            Map<String, Object> scope = Map.of("fingerprint", "fp-1");
            for (int i = 0; i < 3; i++) {
                assertThat(LicenseFixture.answer(b.validate(lic, scope))).as("b warm").isEqualTo("true VALID");
                assertThat(LicenseFixture.answer(a.validate(lic, scope))).as("a warm").isEqualTo("true VALID");
            }
            try (RequestQueries sql = RequestQueries.on(bNode)) {
                assertThat(LicenseFixture.answer(b.validate(lic, scope))).isEqualTo("true VALID");
                assertThat(sql.statements()).as("b answers from memory").isEmpty();
            }

            post(a, lic, "suspend");
            assertThat(LicenseFixture.answer(a.validate(lic, scope))).as("at once on the writing node").isEqualTo("false SUSPENDED");
            awaitOn(() -> b.validate(lic, scope), "false SUSPENDED");

            post(a, lic, "reinstate");
            assertThat(LicenseFixture.answer(a.validate(lic, scope))).isEqualTo("true VALID");
            awaitOn(() -> b.validate(lic, scope), "true VALID");

            assertThat(LicenseFixture.answer(a.machine("deactivate", lic, "fp-1"))).isEqualTo("true DEACTIVATED");
            awaitOn(() -> b.validate(lic, scope), "false NO_MACHINES");
            assertThat(LicenseFixture.answer(a.activate(lic, "fp-1"))).isEqualTo("true ACTIVATED");
            awaitOn(() -> b.validate(lic, scope), "true VALID");

            a.putPolicy(lic.planId(), Map.of("maxMachines", 3, "entitlements", java.util.List.of("pro")));
            Map<String, Object> pro = Map.of("fingerprint", "fp-1", "entitlements", java.util.List.of("pro"));
            assertThat(LicenseFixture.answer(b.validate(lic, Map.of("fingerprint", "fp-1", "entitlements", java.util.List.of("max")))))
                    .isEqualTo("false ENTITLEMENTS_MISSING");
            awaitOn(() -> b.validate(lic, pro), "true VALID");

            JsonNode revoked = a.seller.client().postJson(LicenseLifecycleTest.path(lic, "revoke"), Map.of("reason", "chargeback")).json();
            assertThat(revoked.get("status").asText()).isEqualTo("revoked");
            awaitOn(() -> b.validate(lic, scope), "false REVOKED");
        }
    }

    /**
     * Validations racing a suspension on the writing node: loads that read the license before the
     * suspension committed must not be kept, so every validation sent after the suspension answered
     * says SUSPENDED, and every one before it VALID or SUSPENDED.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void validationsRacingASuspensionNeverKeepTheOldAnswer(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(null);
            f.validate(lic, null);
            int threads = 8;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicLong suspendedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.List<String> late = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    while (!stop.get()) {
                        long sent = System.nanoTime();
                        String answer = LicenseFixture.answer(f.validate(lic, null));
                        calls.incrementAndGet();
                        if (sent > suspendedAt.get() && !answer.equals("false SUSPENDED")) {
                            late.add(answer);
                        }
                        assertThat(answer).isIn("true VALID", "false SUSPENDED");
                    }
                    return null;
                }));
            }
            go.countDown();
            Thread.sleep(300);
            post(f, lic, "suspend");
            suspendedAt.set(System.nanoTime());
            Thread.sleep(500);
            stop.set(true);
            for (var d : done) {
                d.get();
            }
            pool.shutdown();
            assertThat(calls.get()).as("validations made").isGreaterThan(threads);
            assertThat(late).as("answers to validations sent after the suspension answered").isEmpty();
        }
    }

    private static void post(LicenseFixture f, Lic lic, String action) {
        var r = f.seller.client().post(LicenseLifecycleTest.path(lic, action), null, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The other node answers {@code expected} within the documented bound (measured from here, so it includes the HTTP calls). */
    private static void awaitOn(Supplier<JsonNode> call, String expected) throws InterruptedException {
        long start = System.nanoTime();
        String last = LicenseFixture.answer(call.get());
        while (!last.equals(expected) && System.nanoTime() - start < HotChanges.STALE_AFTER_MS * 1_000_000) {
            Thread.sleep(10);
            last = LicenseFixture.answer(call.get());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(last).as("the second node after %d ms", ms).isEqualTo(expected);
    }
}
