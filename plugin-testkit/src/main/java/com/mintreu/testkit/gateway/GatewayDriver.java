package com.mintreu.testkit.gateway;

import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.testkit.TestPluginContext;
import java.time.Instant;
import java.util.Set;

/**
 * What a gateway's own test gives {@link GatewayConformance}: the gateway, started against the
 * test's fake of the provider, and the few things only the test can do with that fake (sign an
 * event as the provider would, pay a session as a buyer would, make the provider stop answering).
 * The suite knows nothing about the provider's formats; everything format-specific is here.
 *
 * <p>One driver per test method: the suite opens it before and {@link #close() closes} it after
 * each check, so state never leaks between checks. A driver is typically ~60 lines over helpers the
 * plugin's tests already have (a fake HTTP server, a signer written from the provider's docs).
 */
public interface GatewayDriver extends AutoCloseable {

    /**
     * The gateway under test, already {@linkplain PaymentGateway#start started} with
     * {@link #context()}, whose config points at the fake provider. The same instance every call.
     */
    PaymentGateway gateway();

    /**
     * The context the gateway was started with. The suite reads its {@link TestPluginContext#clock()}
     * as "now" for signing and its {@link TestPluginContext#callTimeout()} as the engine's deadline;
     * set the timeout short (1–3 s) so the hang check is quick, and the gateway's own HTTP timeouts
     * must be derived from it, as in production.
     */
    TestPluginContext context();

    /**
     * The raw body the provider sends when the buyer has paid {@code session} in full: the exact
     * bytes, in the provider's format, for a "payment succeeded" event with a fixed event id. Called
     * once per check; the suite delivers the same bytes twice to check that a replay maps to the
     * same {@code providerEventId}.
     */
    byte[] paidEvent(CheckoutRequest request, CheckoutSession session);

    /**
     * The raw body of a well-formed event of a type the gateway does not act on (e.g. a customer
     * update): verified, then acknowledged with no events.
     */
    byte[] ignoredEvent();

    /**
     * {@code body} as the provider delivers it, signed at {@code signedAt} with the secret the
     * gateway is configured with: every header the provider sends (signature, timestamp, ids).
     * Must accept any bytes, including garbage, since the suite signs malformed bodies too.
     */
    WebhookRequest sign(byte[] body, Instant signedAt);

    /**
     * {@code body} signed exactly like {@link #sign} but with a key the gateway does not trust, as
     * a forger would.
     */
    WebhookRequest forge(byte[] body, Instant signedAt);

    /**
     * Makes the provider hold {@code session} as paid in full, as if the buyer paid on its hosted
     * page (refunds and {@code fetch} then see the payment). The suite calls it before refunding.
     */
    void pay(CheckoutSession session) throws Exception;

    /**
     * Makes the fake provider accept connections and never answer, until {@link #close()}. Return
     * false when the gateway never calls a remote provider (its "provider" lives in the plugin,
     * like the sandbox): the timeout check is then skipped and reported as such.
     */
    default boolean hang() {
        return false;
    }

    /**
     * Every secret the gateway was configured with (API keys, webhook secrets), exactly as given:
     * none may appear in an exception message, a {@code toString()} or a result.
     */
    Set<String> secrets();

    /** The currency the suite charges in; one the provider accepts. */
    default String currency() {
        return "EUR";
    }

    /** Stops the fake provider (releasing any hang) and the gateway. */
    @Override
    void close() throws Exception;
}
