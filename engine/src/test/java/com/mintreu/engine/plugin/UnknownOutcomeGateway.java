package com.mintreu.engine.plugin;

import java.nio.file.Path;

/**
 * A payment gateway whose provider does not know: {@code fetch} answers UNDEFINED (a state the
 * sandbox cannot produce) until {@code POST /plugins/payment-unknown/settle} (body {@code paid} or
 * {@code declined}) tells it how the payment ended; from then on it reports that. No webhooks.
 */
public final class UnknownOutcomeGateway {

    public static final String ID = "payment-unknown";

    static final String SOURCE = """
            package test.unknown;
            import com.mintreu.api.PluginContext;
            import com.mintreu.api.money.Money;
            import com.mintreu.api.payment.*;
            import com.mintreu.api.web.WebResponse;
            import java.net.URI;
            import java.nio.charset.StandardCharsets;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicReference;

            @org.pf4j.Extension
            public class UnknownGateway implements PaymentGateway {
                private final Map<String, CheckoutRequest> sessions = new ConcurrentHashMap<>();
                private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.UNDEFINED);
                private PluginContext ctx;

                public String id() { return "payment-unknown"; }
                public String displayName() { return "Unknown Pay"; }
                public Capabilities capabilities() { return new Capabilities(false, false, false, true); }

                public void start(PluginContext ctx) {
                    this.ctx = ctx;
                    ctx.web().route("POST", "settle", r -> {
                        outcome.set(new String(r.body(), StandardCharsets.UTF_8).equals("paid") ? Outcome.SUCCEEDED : Outcome.DECLINED);
                        return WebResponse.text(outcome.get().name());
                    });
                }

                public CheckoutSession createCheckout(CheckoutRequest request) {
                    String ref = "unk_" + request.idempotencyKey();
                    sessions.putIfAbsent(ref, request);
                    return CheckoutSession.hosted(ref, URI.create(ctx.baseUrl() + "/plugins/payment-unknown/pay/" + ref));
                }

                public List<PaymentEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
                    throw new WebhookRejectedException(WebhookRejectedException.Reason.BAD_SIGNATURE, "no webhooks");
                }

                public PaymentStatus fetch(FetchRequest request) {
                    CheckoutRequest checkout = sessions.get(request.providerReference());
                    if (checkout == null) {
                        throw new PaymentGatewayException(PaymentGatewayException.Reason.NOT_FOUND, "no session " + request.providerReference());
                    }
                    return new PaymentStatus(request.providerReference(), outcome.get(), checkout.amount(),
                            new Money(0, checkout.amount().currency()), ctx.clock().instant());
                }

                public RefundResult refund(RefundRequest request) {
                    throw new PaymentGatewayException(PaymentGatewayException.Reason.REJECTED, "no refunds");
                }
            }
            """;

    private UnknownOutcomeGateway() {}

    /** Writes the gateway's zip into {@code pluginsDir}. */
    public static void writeTo(Path pluginsDir) {
        TestPluginZip.plugin(ID).source("test.unknown.UnknownGateway", SOURCE).writeTo(pluginsDir);
    }
}
