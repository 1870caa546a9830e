package com.mintreu.plugins.paymentsandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.SetupRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of {@code payment_sandbox_sessions} and {@code payment_sandbox_refunds}; no rules beyond row counts. */
final class SessionStore {

    /** A stored refund. */
    record Refund(String id, String sessionId, Money amount) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, order_id, amount_minor, currency, lines_json, customer_email, return_url, "
            + "cancel_url, form_token, state, refunded_minor, last_event, setup";

    private final Jdbi jdbi;
    private final Clock clock;

    SessionStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Optional<Session> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM payment_sandbox_sessions WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    Optional<Session> findByIdempotencyKey(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM payment_sandbox_sessions WHERE idempotency_key = :k")
                .bind("k", key).map((rs, ctx) -> row(rs)).findOne());
    }

    void insert(String id, String formToken, CheckoutRequest request) {
        insert(id, formToken, request.idempotencyKey(), request.orderId(), request.amount(), request.lines(), request.customerEmail(),
                request.returnUrl().toString(), request.cancelUrl().toString(), false);
    }

    /** A session that saves a card and takes nothing. */
    void insert(String id, String formToken, SetupRequest request) {
        insert(id, formToken, request.idempotencyKey(), request.orderId(), Money.zero(request.currency()), request.lines(),
                request.customerEmail(), request.returnUrl().toString(), request.cancelUrl().toString(), true);
    }

    private void insert(String id, String formToken, String key, String orderId, Money amount, List<CheckoutLine> lines, String email,
            String returnUrl, String cancelUrl, boolean setup) {
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO payment_sandbox_sessions (id, idempotency_key, order_id, amount_minor, currency, lines_json,
                            customer_email, return_url, cancel_url, form_token, state, refunded_minor, created_at, updated_at, setup)
                        VALUES (:id, :key, :order, :amount, :currency, :lines, :email, :ret, :cancel, :token, 'OPEN', 0, :now, :now, :setup)""")
                .bind("id", id).bind("key", key).bind("order", orderId)
                .bind("amount", amount.minor()).bind("currency", amount.currency())
                .bind("lines", linesJson(lines)).bind("email", email)
                .bind("ret", returnUrl).bind("cancel", cancelUrl)
                .bind("token", formToken).bind("now", now).bind("setup", setup ? 1 : 0)
                .execute());
    }

    /** Moves an OPEN/PENDING session to {@code to} with its event; false when another request got there first. */
    boolean transition(String id, SessionState to, String eventJson) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE payment_sandbox_sessions SET state = :to, last_event = :event, updated_at = :now
                        WHERE id = :id AND state IN ('OPEN', 'PENDING') AND NOT (state = 'PENDING' AND :to = 'PENDING')""")
                .bind("to", to.name()).bind("event", eventJson).bind("now", clock.millis()).bind("id", id)
                .execute()) == 1;
    }

    Optional<Refund> findRefund(Handle h, String idempotencyKey) {
        return h.createQuery("SELECT r.id, r.session_id, r.amount_minor, r.currency FROM payment_sandbox_refunds r WHERE idempotency_key = :k")
                .bind("k", idempotencyKey)
                .map((rs, ctx) -> new Refund(rs.getString(1), rs.getString(2), new Money(rs.getLong(3), rs.getString(4))))
                .findOne();
    }

    /**
     * Records a refund if the session is paid and has room for it; one conditional UPDATE, so two
     * concurrent refunds can never exceed the amount. Returns false when there is no room.
     */
    boolean addRefund(Handle h, String refundId, String sessionId, String idempotencyKey, Money amount) {
        int updated = h.createUpdate("""
                        UPDATE payment_sandbox_sessions SET refunded_minor = refunded_minor + :amount, updated_at = :now
                        WHERE id = :id AND state = 'SUCCEEDED' AND currency = :currency
                          AND refunded_minor + :amount <= amount_minor""")
                .bind("amount", amount.minor()).bind("currency", amount.currency()).bind("now", clock.millis()).bind("id", sessionId)
                .execute();
        if (updated != 1) {
            return false;
        }
        h.createUpdate("""
                        INSERT INTO payment_sandbox_refunds (id, session_id, idempotency_key, amount_minor, currency, created_at)
                        VALUES (:id, :session, :key, :amount, :currency, :now)""")
                .bind("id", refundId).bind("session", sessionId).bind("key", idempotencyKey)
                .bind("amount", amount.minor()).bind("currency", amount.currency()).bind("now", clock.millis())
                .execute();
        return true;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    private static Session row(ResultSet rs) throws SQLException {
        Money amount = new Money(rs.getLong("amount_minor"), rs.getString("currency"));
        return new Session(rs.getString("id"), rs.getString("order_id"), amount, lines(rs.getString("lines_json"), amount.currency()),
                rs.getString("customer_email"), rs.getString("return_url"), rs.getString("cancel_url"), rs.getString("form_token"),
                SessionState.valueOf(rs.getString("state")), rs.getLong("refunded_minor"), rs.getString("last_event"),
                rs.getInt("setup") == 1);
    }

    private static String linesJson(List<CheckoutLine> lines) {
        ArrayNode array = JSON.createArrayNode();
        for (CheckoutLine line : lines) {
            array.addObject().put("name", line.name()).put("quantity", line.quantity())
                    .put("unit", line.unit().minor()).put("currency", line.unit().currency());
        }
        return array.toString();
    }

    private static List<CheckoutLine> lines(String json, String currency) {
        try {
            List<CheckoutLine> lines = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                lines.add(new CheckoutLine(node.path("name").asText(), node.path("quantity").asInt(1),
                        new Money(node.path("unit").asLong(), node.path("currency").asText(currency))));
            }
            return lines;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payment_sandbox_sessions.lines_json is not JSON", e);
        }
    }
}
