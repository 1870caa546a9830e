package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.plugin.EventTestPlugins;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract walk: users take every documented {@code /api/v1} operation on a real engine (the
 * bundled plugins and a subscriber that fails), on both databases, and every answer must match
 * the document served at {@code /api/v1/openapi.json}. The walk fails on any difference and on any
 * documented operation it never got a matching 2xx from, so the document cannot promise what no
 * test has seen. Each area of the API is walked by its own class ({@link AccountWalk}...).
 */
class ApiWalkTest {

    /**
     * Operations that truly cannot answer 2xx in a test, each with the reason. Keep it tiny: an
     * entry here is a promise of the document no test checks.
     */
    static final Map<String, String> NOT_ANSWERABLE = Map.of();

    /** The background outbox pass is off (the walk delivers); one failed attempt makes a delivery dead. */
    private static final String CONFIG = "outbox: {pollInterval: 1h, maxAttempts: 1}\nwebhooks: {allowPrivateTargets: true}\nplugins:\n  payment-sandbox:\n    config:\n      secret: "
            + OrderWalk.SANDBOX_SECRET + "\n";

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("kinds")
    void everyDocumentedOperationAnswersAsDocumented(String kind) throws Exception {
        Path subscribers = Files.createTempDirectory("walk-subscribers-");
        Path flakyDown = Files.createFile(subscribers.resolve("fail"));
        try (TestEngine e = TestEngine.boot(kind, CONFIG, true, plugins -> EventTestPlugins.writeTo(plugins, subscribers))) {
            JsonNode doc = e.client().get("/api/v1/openapi.json").json();
            // every route documented and every documented operation walked: every /api/v1 route was walked
            ApiDocumentTest.assertDocumented(e.engine().component().router().routes(), doc);
            ApiWalk w = new ApiWalk(doc, NOT_ANSWERABLE);
            Walkers p = Walkers.of(e, w);
            String walker = AccountWalk.walk(p);
            CatalogWalk.Shelf shelf = CatalogWalk.walk(p);
            String order = OrderWalk.walk(p, shelf);
            LicenseWalk.walk(p, order, shelf.softwarePlan(), walker);
            SubscriptionWalk.walk(p);
            KeyWalk.walk(p);
            WebhookWalk.walk(p);
            SellerVoucherWalk.walk(p);
            PayoutWalk.walk(p);
            HelpWalk.walk(p);
            MessageWalk.walk(p);
            SupportWalk.walk(p);
            AffiliateWalk.walk(p);
            AdminWalk.walk(p, flakyDown);
            AssistantWalk.walk(p);
            w.assertComplete();
        }
    }
}
