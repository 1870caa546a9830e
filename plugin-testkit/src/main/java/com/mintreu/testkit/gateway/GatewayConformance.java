package com.mintreu.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.Capabilities;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every {@link PaymentGateway} must pass before the engine can trust it with money,
 * run by the plugin's own tests against the plugin's own fake provider:
 *
 * <pre>{@code
 * class AcmeConformanceTest extends GatewayConformance {
 *     protected GatewayDriver openDriver(Path dir) throws Exception {
 *         return new AcmeDriver(dir);   // starts the fake provider and the gateway
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks, each as its own test: checkout is idempotent by key and lands on a declared
 * origin; a paid event is verified and normalised; a replay gives the same provider event id (so
 * the engine's inbox deduplicates it); a missing, forged or tampered signature is BAD_SIGNATURE;
 * a stale or future timestamp is STALE_TIMESTAMP; malformed bodies and garbled headers are a
 * {@link WebhookRejectedException}, never another exception (which the engine would answer with a
 * 500); unknown event types are ignored; fetch reports a payment and NOT_FOUND for an unknown one;
 * refunds are idempotent and an over-refund is REJECTED; a provider that hangs is a TIMEOUT within
 * {@link com.mintreu.api.PluginContext#callTimeout()}; no secret shows in a message or a
 * {@code toString()}.
 *
 * <p>Checks that need a capability the gateway does not declare ({@link Capabilities#refunds()},
 * {@link Capabilities#partialRefunds()}) or a provider it does not call ({@link GatewayDriver#hang()}
 * false) are skipped through JUnit assumptions, so the report shows them as skipped with the reason.
 * A fresh driver (fake provider, gateway, temp folder) is opened for every check.
 */
public abstract class GatewayConformance {

    /** Anything longer than this is not a webhook the suite expects a gateway to parse. */
    private static final int HUGE_BODY = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    private GatewayDriver driver;
    private final List<Throwable> seen = new ArrayList<>();

    /**
     * Starts the fake provider and the gateway (configured to call the fake) for one check.
     *
     * @param dir an empty temp folder for the {@link com.mintreu.testkit.TestPluginContext}
     */
    protected abstract GatewayDriver openDriver(Path dir) throws Exception;

    @BeforeEach
    final void openTheDriver() throws Exception {
        driver = openDriver(dir);
    }

    @AfterEach
    final void closeTheDriver() throws Exception {
        driver.close();
    }

    // ---- identity and checkout

    @Test
    void identityIsConstantAndWithoutIo() {
        PaymentGateway gateway = gateway();
        assertTrue(gateway.id().matches("[a-z][a-z0-9-]*"), "id must be lower-case letters, digits and dashes: " + gateway.id());
        assertEquals(gateway.capabilities(), gateway.capabilities(), "capabilities() must be constant");
        String name = gateway.displayName();
        assertTrue(name != null && !name.isBlank() && !name.contains("\n"), "displayName() must be one non-blank line: " + name);
        for (URI origin : gateway.hostedCheckoutOrigins()) {
            assertTrue(List.of("http", "https").contains(origin.getScheme()) && origin.getHost() != null
                    && (origin.getRawPath() == null || origin.getRawPath().isEmpty()) && origin.getRawQuery() == null,
                    "hostedCheckoutOrigins() entries are bare origins (scheme://host[:port]), got " + origin);
        }
    }

    @Test
    void checkoutIsIdempotentByKeyAndLandsOnADeclaredOrigin() {
        CheckoutRequest request = order("idem-" + UUID.randomUUID());
        CheckoutSession first = gateway().createCheckout(request);
        CheckoutSession retry = gateway().createCheckout(request);
        CheckoutSession other = gateway().createCheckout(order("idem-" + UUID.randomUUID()));

        assertEquals(first.providerReference(), retry.providerReference(), "a retry with the same idempotency key must return the same session");
        assertEquals(first.redirectUrl(), retry.redirectUrl(), "a retry with the same idempotency key must return the same page");
        assertNotEquals(first.providerReference(), other.providerReference(), "a new idempotency key is a new session");
        if (gateway().capabilities().hostedCheckout()) {
            assertNotNull(first.redirectUrl(), "hostedCheckout is declared, so createCheckout must give a redirectUrl");
            URI origin = origin(first.redirectUrl());
            assertTrue(gateway().hostedCheckoutOrigins().contains(origin) || origin.equals(origin(driver.context().baseUrl())),
                    "the buyer is sent to " + origin + ", which is neither the shop nor in hostedCheckoutOrigins() "
                            + gateway().hostedCheckoutOrigins() + ": the browser's CSP would refuse the redirect");
        }
        noSecretIn(first.toString(), "CheckoutSession.toString()");
    }

    // ---- webhooks

    @Test
    void aPaidEventIsVerifiedAndNormalised() {
        CheckoutRequest request = order("paid-" + UUID.randomUUID());
        CheckoutSession session = gateway().createCheckout(request);

        List<PaymentEvent> events = accepted(driver.sign(driver.paidEvent(request, session), now()));

        assertEquals(1, events.size(), "one paid event, got " + events);
        PaymentEvent event = events.get(0);
        assertEquals(session.providerReference(), event.providerReference(), "the event names the session's providerReference");
        assertEquals(Outcome.SUCCEEDED, event.outcome());
        assertEquals(request.amount(), event.amount(), "the event carries the amount the provider took");
        assertTrue(event.orderId() == null || event.orderId().equals(request.orderId()), "orderId is the order's or null, got " + event.orderId());
        noSecretIn(event.toString(), "PaymentEvent.toString()");
    }

    @Test
    void aReplayedEventKeepsItsProviderEventIdSoTheInboxDeduplicatesIt() {
        CheckoutRequest request = order("replay-" + UUID.randomUUID());
        byte[] body = driver.paidEvent(request, gateway().createCheckout(request));

        List<PaymentEvent> first = accepted(driver.sign(body, now().minusSeconds(30)));
        List<PaymentEvent> again = accepted(driver.sign(body, now()));

        assertEquals(first, again, "the same delivery parsed twice must give the same events (same providerEventId)");
    }

    @Test
    void aWebhookWithoutItsSignatureIsABadSignature() {
        WebhookRequest signed = driver.sign(paidEvent(), now());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.header("content-type").ifPresent(type -> headers.put("content-type", List.of(type)));

        rejected(new WebhookRequest(headers, signed.body()), WebhookRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void aForgedSignatureIsABadSignature() {
        rejected(driver.forge(paidEvent(), now()), WebhookRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedBodyIsABadSignature() {
        WebhookRequest signed = driver.sign(paidEvent(), now());
        byte[] body = signed.body();
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        longer[body.length] = ' ';

        rejected(new WebhookRequest(signed.headers(), longer), WebhookRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void aStaleTimestampIsRefusedEvenWhenSigned() {
        rejected(driver.sign(paidEvent(), now().minus(Duration.ofHours(1))), WebhookRejectedException.Reason.STALE_TIMESTAMP);
    }

    @Test
    void aFutureTimestampIsRefusedEvenWhenSigned() {
        rejected(driver.sign(paidEvent(), now().plus(Duration.ofHours(1))), WebhookRejectedException.Reason.STALE_TIMESTAMP);
    }

    @Test
    void signedMalformedBodiesAreRefusedAsMalformedNeverWithAnotherException() {
        byte[] paid = paidEvent();
        List<byte[]> bodies = List.of(new byte[0], utf8("not json"), utf8("[]"), utf8("{\"id\":"), utf8("null"),
                Arrays.copyOf(paid, paid.length / 2), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}, hugeBody());
        for (byte[] body : bodies) {
            rejected(driver.sign(body, now()), WebhookRejectedException.Reason.MALFORMED);
        }
    }

    @Test
    void garbledSignatureHeadersAreRefusedNeverWithAnotherException() {
        WebhookRequest signed = driver.sign(paidEvent(), now());
        for (String garbage : List.of("", "garbage", "t=,v1=", "=,=,=", "x".repeat(10_000), "\u0000\uffff")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            signed.headers().forEach((name, values) -> headers.put(name, name.equals("content-type") ? values : List.of(garbage)));
            rejectedForAnyReason(new WebhookRequest(headers, signed.body()));
        }
    }

    @Test
    void unknownEventTypesAreVerifiedThenIgnored() {
        assertEquals(List.of(), accepted(driver.sign(driver.ignoredEvent(), now())),
                "an event type the gateway does not act on gives no events (the engine acknowledges it)");
        rejected(driver.forge(driver.ignoredEvent(), now()), WebhookRejectedException.Reason.BAD_SIGNATURE);
    }

    // ---- fetch

    @Test
    void fetchReportsAPaidPaymentAndNotFoundForAnUnknownOne() throws Exception {
        CheckoutRequest request = order("fetch-" + UUID.randomUUID());
        CheckoutSession session = gateway().createCheckout(request);
        driver.pay(session);

        PaymentStatus status = gateway().fetch(new FetchRequest(session.providerReference(), request.orderId()));

        assertEquals(Outcome.SUCCEEDED, status.outcome(), "a paid session is SUCCEEDED");
        assertEquals(request.amount(), status.amount());
        PaymentGatewayException e = failure(() -> gateway().fetch(new FetchRequest("conformance-no-such-payment", null)));
        assertEquals(PaymentGatewayException.Reason.NOT_FOUND, e.reason(), "an unknown reference is NOT_FOUND: " + e.getMessage());
    }

    // ---- refunds

    @Test
    void aRetriedRefundReturnsTheFirstResult() throws Exception {
        assumeRefunds();
        CheckoutRequest request = order("refund-" + UUID.randomUUID());
        CheckoutSession session = paid(request);
        Money amount = gateway().capabilities().partialRefunds() ? new Money(1000, request.amount().currency()) : request.amount();
        RefundRequest refund = new RefundRequest(session.providerReference(), request.orderId(), amount, "conformance", "rf-" + UUID.randomUUID());

        RefundResult first = gateway().refund(refund);
        RefundResult retry = gateway().refund(refund);

        assertEquals(first, retry, "a retry with the same idempotency key must return the first refund, not refund again");
        assertTrue(first.outcome() == Outcome.SUCCEEDED || first.outcome() == Outcome.PENDING, "a refund of a paid payment goes through: " + first);
        assertEquals(amount, first.amount());
        noSecretIn(first.toString(), "RefundResult.toString()");
    }

    @Test
    void anOverRefundIsRejected() throws Exception {
        assumeRefunds();
        CheckoutRequest request = order("over-" + UUID.randomUUID());
        CheckoutSession session = paid(request);
        Money paid = request.amount();

        PaymentGatewayException tooMuch = failure(() -> gateway().refund(refund(session, request, paid.minor() + 1)));
        assertEquals(PaymentGatewayException.Reason.REJECTED, tooMuch.reason(), "more than was paid is REJECTED: " + tooMuch.getMessage());
        gateway().refund(refund(session, request, paid.minor()));
        PaymentGatewayException twice = failure(() -> gateway().refund(refund(session, request, paid.minor())));
        assertEquals(PaymentGatewayException.Reason.REJECTED, twice.reason(), "refunding a refunded payment again is REJECTED: " + twice.getMessage());
    }

    @Test
    void partialRefundsNeverAddUpToMoreThanWasPaid() throws Exception {
        assumeRefunds();
        assumeTrue(gateway().capabilities().partialRefunds(), gateway().id() + " declares no partial refunds (Capabilities.partialRefunds() is false)");
        CheckoutRequest request = order("partial-" + UUID.randomUUID());
        CheckoutSession session = paid(request);
        long paid = request.amount().minor();

        gateway().refund(refund(session, request, 1000));
        PaymentGatewayException e = failure(() -> gateway().refund(refund(session, request, paid - 1000 + 1)));
        assertEquals(PaymentGatewayException.Reason.REJECTED, e.reason(), "the refunds would exceed the payment: " + e.getMessage());
        assertEquals(new Money(paid - 1000, request.amount().currency()), gateway().refund(refund(session, request, paid - 1000)).amount(),
                "the rest can still be refunded");
    }

    @Test
    void aRefundInAnotherCurrencyIsRejected() throws Exception {
        assumeRefunds();
        CheckoutRequest request = order("currency-" + UUID.randomUUID());
        CheckoutSession session = paid(request);
        String other = request.amount().currency().equals("USD") ? "EUR" : "USD";

        PaymentGatewayException e = failure(() -> gateway().refund(new RefundRequest(session.providerReference(), request.orderId(),
                new Money(100, other), null, "rf-" + UUID.randomUUID())));
        assertEquals(PaymentGatewayException.Reason.REJECTED, e.reason(), "another currency is REJECTED: " + e.getMessage());
    }

    // ---- a provider that hangs

    @Test
    void aHangingProviderIsATimeoutWithinTheEnginesCallTimeout() throws Exception {
        CheckoutRequest request = order("hang-" + UUID.randomUUID());
        CheckoutSession session = gateway().createCheckout(request);
        if (gateway().capabilities().refunds()) {
            driver.pay(session);
        }
        assumeTrue(driver.hang(), gateway().id() + " calls no remote provider (GatewayDriver.hang() is false)");

        Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
        calls.put("createCheckout", () -> gateway().createCheckout(order("hang-" + UUID.randomUUID())));
        calls.put("fetch", () -> gateway().fetch(new FetchRequest(session.providerReference(), request.orderId())));
        if (gateway().capabilities().refunds()) {
            calls.put("refund", () -> gateway().refund(refund(session, request, request.amount().minor())));
        }
        Duration limit = driver.context().callTimeout();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conformance-hang");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Map.Entry<String, Supplier<Object>> call : calls.entrySet()) {
                long started = System.nanoTime();
                Future<Object> result = pool.submit(() -> call.getValue().get());
                try {
                    Object answer = result.get(limit.toMillis() + 1000, TimeUnit.MILLISECONDS);
                    fail(call.getKey() + " answered " + answer + " although the provider never answered");
                } catch (TimeoutException e) {
                    fail(call.getKey() + " was still running after the engine's call timeout (" + limit + "): derive the HTTP timeouts from PluginContext.callTimeout()");
                } catch (java.util.concurrent.ExecutionException e) {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertTrue(e.getCause() instanceof PaymentGatewayException, call.getKey() + " threw " + e.getCause() + ", not a PaymentGatewayException");
                    PaymentGatewayException failure = (PaymentGatewayException) e.getCause();
                    seen.add(failure);
                    assertEquals(PaymentGatewayException.Reason.TIMEOUT, failure.reason(), call.getKey() + ": an unanswered call is TIMEOUT (its effect is unknown)");
                    assertTrue(took.compareTo(limit) < 0, call.getKey() + " gave up after " + took.toMillis() + " ms, not within the call timeout " + limit);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        noSecretInSeen();
    }

    // ---- secrets

    @Test
    void noSecretInMessagesOrToString() throws Exception {
        aForgedSignatureIsABadSignature();
        aWebhookWithoutItsSignatureIsABadSignature();
        aStaleTimestampIsRefusedEvenWhenSigned();
        signedMalformedBodiesAreRefusedAsMalformedNeverWithAnotherException();
        seen.add(failure(() -> gateway().fetch(new FetchRequest("conformance-no-such-payment", null))));
        if (gateway().capabilities().refunds()) {
            CheckoutRequest request = order("secret-" + UUID.randomUUID());
            CheckoutSession session = paid(request);
            seen.add(failure(() -> gateway().refund(refund(session, request, request.amount().minor() + 1))));
        }
        noSecretInSeen();
        noSecretIn(gateway().toString(), "the gateway's toString()");
        Object config = driver.context().config(gateway().configType());
        noSecretIn(String.valueOf(config), "the config record's toString() (override it and mask secret fields)");
        assertFalse(driver.secrets().isEmpty(), "GatewayDriver.secrets() names the secrets the gateway was configured with");
    }

    // ---- helpers

    /** The gateway under test. */
    protected final PaymentGateway gateway() {
        return driver.gateway();
    }

    /** The instant the gateway's clock shows. */
    protected final Instant now() {
        return driver.context().clock().instant();
    }

    /** A pending order of 29.98 in the driver's currency, with {@code key} as its idempotency key. */
    protected final CheckoutRequest order(String key) {
        String orderId = "ord_conformance_" + UUID.randomUUID().toString().replace("-", "");
        Money amount = new Money(2998, driver.currency());
        URI base = driver.context().baseUrl();
        return new CheckoutRequest(orderId, amount, List.of(new CheckoutLine("Conformance item", 2, new Money(1499, driver.currency()))),
                "buyer@example.com", base.resolve("/checkout/return?order=" + orderId), base.resolve("/checkout/cancel?order=" + orderId), key);
    }

    private void assumeRefunds() {
        assumeTrue(gateway().capabilities().refunds(), gateway().id() + " declares no refunds (Capabilities.refunds() is false)");
    }

    private CheckoutSession paid(CheckoutRequest request) throws Exception {
        CheckoutSession session = gateway().createCheckout(request);
        driver.pay(session);
        return session;
    }

    private static RefundRequest refund(CheckoutSession session, CheckoutRequest request, long minor) {
        return new RefundRequest(session.providerReference(), request.orderId(), new Money(minor, request.amount().currency()),
                "conformance", "rf-" + UUID.randomUUID());
    }

    private byte[] paidEvent() {
        CheckoutRequest request = order("event-" + UUID.randomUUID());
        return driver.paidEvent(request, gateway().createCheckout(request));
    }

    private byte[] hugeBody() {
        byte[] body = new byte[HUGE_BODY];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    /** The payment events among what the gateway made of a request it must accept (refund and dispute events aside). */
    private List<PaymentEvent> accepted(WebhookRequest request) {
        try {
            return gateway().parseWebhook(request).stream().filter(PaymentEvent.class::isInstance).map(PaymentEvent.class::cast).toList();
        } catch (WebhookRejectedException e) {
            seen.add(e);
            return fail("a correctly signed, fresh webhook was refused: " + e.reason() + " " + e.getMessage(), e);
        }
    }

    private void rejected(WebhookRequest request, WebhookRejectedException.Reason expected) {
        WebhookRejectedException e = rejectedForAnyReason(request);
        assertEquals(expected, e.reason(), "wrong reason; message: " + e.getMessage());
    }

    private WebhookRejectedException rejectedForAnyReason(WebhookRequest request) {
        List<? extends com.mintreu.api.payment.GatewayEvent> events;
        try {
            events = gateway().parseWebhook(request);
        } catch (WebhookRejectedException e) {
            seen.add(e);
            noSecretIn(messages(e), "the WebhookRejectedException's message");
            return e;
        } catch (RuntimeException e) {
            return fail("parseWebhook must throw WebhookRejectedException for a request it cannot trust or read; it threw "
                    + e + " (the engine would answer 500)", e);
        }
        return fail("parseWebhook accepted a request it must refuse and returned " + events);
    }

    private PaymentGatewayException failure(Runnable call) {
        try {
            call.run();
        } catch (PaymentGatewayException e) {
            seen.add(e);
            return e;
        } catch (RuntimeException e) {
            return fail("expected a PaymentGatewayException with a reason, got " + e, e);
        }
        return fail("the call succeeded but must fail");
    }

    private void noSecretInSeen() {
        for (Throwable t : seen) {
            noSecretIn(messages(t), "the message of " + t.getClass().getSimpleName());
        }
    }

    private void noSecretIn(String text, String where) {
        for (String secret : driver.secrets()) {
            assertFalse(secret != null && !secret.isEmpty() && text.contains(secret), where + " contains a configured secret");
        }
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }

    private static URI origin(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
