package com.mintreu.engine.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/**
 * {@code POST /api/v1/usage}: a seller's server reports a batch of usage events for keys of its
 * products, authenticated as the seller like {@code /api/v1/keys/verify}. 200 with how many events
 * were recorded and how many had been already; any bad event refuses the whole batch (4xx, nothing
 * written).
 */
final class UsageRoutes implements Routes {

    private final UsageIngest ingest;

    @Inject
    UsageRoutes(UsageIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/usage", x -> {
            var seller = x.requireRole("seller");
            var events = UsageBatch.parse(x.bodyJson(JsonNode.class), ingest.now(), ingest.windowMs());
            x.json(200, ingest.ingest(seller, events));
        });
    }
}
