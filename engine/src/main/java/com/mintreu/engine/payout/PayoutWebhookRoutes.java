package com.mintreu.engine.payout;

import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import io.undertow.util.HeaderValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code POST /webhooks/payouts/{method}}: a payout provider's webhooks (Stripe Connect's
 * {@code account.updated}, {@code transfer.reversed}). The raw request goes to the method, which
 * verifies it; 2xx only after the events committed, so the provider redelivers on an error.
 */
final class PayoutWebhookRoutes implements Routes {

    private final PayoutWebhooks webhooks;

    @Inject
    PayoutWebhookRoutes(PayoutWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void register(Router router) {
        router.post("/webhooks/payouts/{method}", this::receive);
    }

    private void receive(Exchange x) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : x.raw().getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        List<String> results = webhooks.receive(x.pathParam("method"), new WebhookRequest(headers, x.bodyBytes()));
        x.json(200, Map.of("received", results.size(), "results", results));
    }
}
