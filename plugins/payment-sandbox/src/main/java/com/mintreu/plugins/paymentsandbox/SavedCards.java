package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.ChargeRequest;
import com.mintreu.api.payment.ChargeResult;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.SavedPaymentMethod;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The sandbox's saved cards and their off-session charges. A card is saved when the buyer ticks
 * "Save my card" and pays; which test card they typed decides what later charges do. A charge is
 * recorded under its idempotency key (unique), so a retry, or two nodes charging at once, returns
 * the first charge and never charges twice.
 */
final class SavedCards {

    /** Saves, and its off-session charges are declined (Stripe's test card of the same behaviour). */
    static final String DECLINING_CARD = "4000000000000341";
    static final String DEFAULT_CARD = "4242424242424242";

    private final Jdbi jdbi;
    private final Clock clock;
    /** Charges still to answer with a timeout after recording them (see {@link FaultRoutes}). */
    final AtomicInteger chargeTimeouts = new AtomicInteger();
    /** Charges still to decline whatever the card (see {@link FaultRoutes}). */
    final AtomicInteger chargeDeclines = new AtomicInteger();

    SavedCards(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The digits of a typed card number, or null when it is not 12 to 19 digits. */
    static String digits(String typed) {
        String d = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        return d.matches("\\d{12,19}") ? d : null;
    }

    /** Saves {@code card} for the session the buyer is paying; once per session. */
    void save(String sessionId, String card) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO payment_sandbox_methods (id, session_id, last4, declines, created_at)
                        VALUES (:id, :session, :last4, :declines, :now) ON CONFLICT (session_id) DO NOTHING""")
                .bind("id", SandboxGateway.newId("pm_")).bind("session", sessionId).bind("last4", card.substring(card.length() - 4))
                .bind("declines", DECLINING_CARD.equals(card) ? 1 : 0).bind("now", clock.millis()).execute());
    }

    Optional<SavedPaymentMethod> forSession(String sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, last4 FROM payment_sandbox_methods WHERE session_id = :s")
                .bind("s", sessionId).map((rs, ctx) -> new SavedPaymentMethod(rs.getString(1), "Test card •••• " + rs.getString(2))).findOne());
    }

    /** One charge per idempotency key; a fault armed by a test records the charge and then loses the answer. */
    ChargeResult charge(ChargeRequest request) {
        ChargeResult result = record(request);
        if (chargeTimeouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PaymentGatewayException(Reason.TIMEOUT, "sandbox fault: charge " + result.providerReference() + " recorded, answer lost");
        }
        return result;
    }

    private ChargeResult record(ChargeRequest request) {
        Optional<ChargeResult> earlier = find(request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Boolean declines = jdbi.withHandle(h -> h.createQuery("SELECT declines FROM payment_sandbox_methods WHERE id = :id")
                .bind("id", request.paymentMethodId()).mapTo(Integer.class).findOne().map(d -> d == 1).orElse(null));
        if (declines == null) {
            throw new PaymentGatewayException(Reason.NOT_FOUND, "no saved card " + request.paymentMethodId());
        }
        boolean forced = chargeDeclines.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        Outcome outcome = declines || forced ? Outcome.DECLINED : Outcome.SUCCEEDED;
        int inserted = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO payment_sandbox_charges (id, idempotency_key, method_id, order_id, amount_minor, currency, outcome, created_at)
                        VALUES (:id, :key, :method, :order, :amount, :currency, :outcome, :now) ON CONFLICT (idempotency_key) DO NOTHING""")
                .bind("id", SandboxGateway.newId("ch_")).bind("key", request.idempotencyKey()).bind("method", request.paymentMethodId())
                .bind("order", request.orderId()).bind("amount", request.amount().minor()).bind("currency", request.amount().currency())
                .bind("outcome", outcome.name()).bind("now", clock.millis()).execute());
        if (inserted == 0 && forced) {
            chargeDeclines.incrementAndGet(); // another call won the key; the armed decline is still to be used
        }
        return find(request).orElseThrow(() -> new PaymentGatewayException(Reason.UNAVAILABLE, "charge " + request.idempotencyKey() + " not stored"));
    }

    private Optional<ChargeResult> find(ChargeRequest request) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, method_id, order_id, amount_minor, currency, outcome FROM payment_sandbox_charges WHERE idempotency_key = :k""")
                .bind("k", request.idempotencyKey()).map((rs, ctx) -> {
                    Money amount = new Money(rs.getLong("amount_minor"), rs.getString("currency"));
                    if (!rs.getString("method_id").equals(request.paymentMethodId()) || !amount.equals(request.amount())
                            || !rs.getString("order_id").equals(request.orderId())) {
                        throw new PaymentGatewayException(Reason.REJECTED, "idempotency key reused for another charge: " + request.idempotencyKey());
                    }
                    Outcome outcome = Outcome.valueOf(rs.getString("outcome"));
                    return new ChargeResult(rs.getString("id"), outcome, amount, outcome == Outcome.DECLINED ? "the card was declined" : null);
                }).findOne());
    }

    /** The charge by its id, for {@code fetch}: the engine reconciles a renewal order like any payment. */
    Optional<ChargeResult> byId(String chargeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, amount_minor, currency, outcome FROM payment_sandbox_charges WHERE id = :id")
                .bind("id", chargeId).map((rs, ctx) -> new ChargeResult(rs.getString(1), Outcome.valueOf(rs.getString(4)),
                        new Money(rs.getLong(2), rs.getString(3)), null)).findOne());
    }
}
