package com.mintreu.engine.order;

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
 * {@code POST /api/v1/webhooks/{gateway}}: the payment inbox. The gateway verifies the signature
 * before anything is recorded; the answer is 2xx only after the events committed, so a provider
 * that sees an error redelivers, and a redelivery is a no-op.
 */
final class WebhookRoutes implements Routes {

    private final OrderService orders;

    @Inject
    WebhookRoutes(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/webhooks/{gateway}", this::receive);
    }

    private void receive(Exchange x) throws Exception {
        String gateway = x.pathParam("gateway");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : x.raw().getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        byte[] body = x.bodyBytes();
        List<OrderService.EventResult> results = orders.receiveWebhook(gateway, new WebhookRequest(headers, body));
        x.json(200, Map.of("received", results.size(), "results", results.stream().map(Enum::name).toList()));
    }
}
