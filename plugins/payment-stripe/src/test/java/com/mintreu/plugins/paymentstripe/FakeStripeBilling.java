package com.mintreu.plugins.paymentstripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.plugins.paymentstripe.FakeStripe.Stored;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The billing part of {@link FakeStripe}: Checkout in subscription mode, subscriptions
 * ({@code GET}/{@code POST}/{@code DELETE /v1/subscriptions/{id}}), their invoices and the customer
 * portal ({@code POST /v1/billing_portal/sessions}). Objects are copies of Stripe's published
 * fixtures ({@code subscription}, {@code invoice}, {@code billing_portal.session}) with the fields
 * the story determines filled in, in the current API shape (the invoice names its subscription
 * under {@code parent.subscription_details}). Tests drive time: {@link #completeSubscription}
 * starts a subscription at a given instant, {@link #renew} pays its next period, {@link #failRenewal}
 * and {@link #payInvoice} a failed and recovered one; {@link #signed} wraps an object in an event
 * signed as Stripe signs webhooks.
 */
public final class FakeStripeBilling {

    /** A webhook as Stripe sends it: the body and its {@code Stripe-Signature} header. */
    public record Signed(String eventId, String body, String signature) {}

    private final FakeStripe stripe;
    private final Map<String, Map<String, String>> sessionParams = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> invoices = new ConcurrentHashMap<>();

    FakeStripeBilling(FakeStripe stripe) {
        this.stripe = stripe;
    }

    /** Checks a subscription-mode session's parameters as Stripe would; null when fine, else the error answer. */
    Stored subscriptionSession(String sessionId, Map<String, String> params) {
        String recurring = "line_items[0][price_data][recurring][interval]";
        if (!params.containsKey(recurring) || params.containsKey("line_items[1][quantity]")) {
            return new Stored("", 400, FakeStripe.error("invalid_request_error", "parameter_missing",
                    "In subscription mode, line_items[0][price_data][recurring] is required (one recurring line here)."));
        }
        if (!params.containsKey("subscription_data[metadata][subscription_id]")) {
            return new Stored("", 400, FakeStripe.error("invalid_request_error", null, "the fake expects the engine's subscription id"));
        }
        sessionParams.put(sessionId, Map.copyOf(params));
        return null;
    }

    /** The buyer finished Checkout in subscription mode at {@code at}: a customer, the subscription and its paid first invoice. */
    public ObjectNode completeSubscription(String sessionId, Instant at) {
        ObjectNode session = stripe.session(sessionId);
        Map<String, String> p = sessionParams.get(sessionId);
        String subId = "sub_" + stripe.nextId();
        String customer = "cus_" + stripe.nextId();
        long quantity = Long.parseLong(p.get("line_items[0][quantity]"));
        long unit = Long.parseLong(p.get("line_items[0][price_data][unit_amount]"));
        ObjectNode sub = FakeStripe.fixture("subscription");
        sub.put("id", subId).put("customer", customer).put("status", "active").put("cancel_at_period_end", false)
                .putNull("cancel_at").putNull("canceled_at").putNull("ended_at").putNull("trial_start").putNull("trial_end")
                .put("created", at.getEpochSecond()).put("start_date", at.getEpochSecond()).put("billing_cycle_anchor", at.getEpochSecond())
                .put("currency", p.get("line_items[0][price_data][currency]"));
        ObjectNode metadata = sub.putObject("metadata");
        p.forEach((k, v) -> {
            if (k.startsWith("subscription_data[metadata][")) {
                metadata.put(k.substring("subscription_data[metadata][".length(), k.length() - 1), v);
            }
        });
        ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
        item.put("id", "si_" + stripe.nextId()).put("quantity", quantity).put("subscription", subId);
        ObjectNode price = (ObjectNode) item.get("price");
        price.put("unit_amount", unit).put("unit_amount_decimal", Long.toString(unit)).put("currency", sub.get("currency").asText());
        ((ObjectNode) price.get("recurring")).put("interval", p.get("line_items[0][price_data][recurring][interval]"))
                .put("interval_count", Long.parseLong(p.getOrDefault("line_items[0][price_data][recurring][interval_count]", "1")));
        subscriptions.put(subId, sub);
        String trialDays = p.get("subscription_data[trial_period_days]");
        ObjectNode invoice;
        if (trialDays != null) {
            // a trial: Stripe's first invoice is for nothing, the period is the trial
            Instant trialEnd = at.plusSeconds(Long.parseLong(trialDays) * 86_400);
            sub.put("status", "trialing").put("trial_start", at.getEpochSecond()).put("trial_end", trialEnd.getEpochSecond());
            invoice = invoice(sub, at, trialEnd, "subscription_create", true, 0);
        } else {
            invoice = invoice(sub, at, next(sub, at), "subscription_create", true, -1);
        }
        session.put("status", "complete").put("payment_status", trialDays != null ? "no_payment_required" : "paid")
                .put("subscription", subId).put("customer", customer)
                .put("invoice", invoice.get("id").asText());
        return session;
    }

    /** Stripe charged the next period successfully: its paid invoice. */
    public ObjectNode renew(String subId) {
        ObjectNode sub = subscriptions.get(subId);
        Instant start = Instant.ofEpochSecond(item(sub).get("current_period_end").asLong());
        sub.put("status", "active");
        return invoice(sub, start, next(sub, start), "subscription_cycle", true, -1).deepCopy();
    }

    /** Stripe could not charge the next period: the invoice stays open, the subscription past due. */
    public ObjectNode failRenewal(String subId) {
        ObjectNode sub = subscriptions.get(subId);
        Instant start = Instant.ofEpochSecond(item(sub).get("current_period_end").asLong());
        sub.put("status", "past_due");
        return invoice(sub, start, next(sub, start), "subscription_cycle", false, -1).deepCopy();
    }

    /** A retry of an open invoice succeeded (the buyer updated the card in the portal). */
    public ObjectNode payInvoice(String invoiceId) {
        ObjectNode invoice = invoices.get(invoiceId);
        invoice.put("status", "paid").put("amount_paid", invoice.get("amount_due").asLong()).put("amount_remaining", 0).put("paid", true);
        ObjectNode sub = subscriptions.get(invoice.at("/parent/subscription_details/subscription").asText());
        sub.put("status", "active");
        ObjectNode period = (ObjectNode) invoice.at("/lines/data/0/period");
        item(sub).put("current_period_start", period.get("start").asLong()).put("current_period_end", period.get("end").asLong());
        return invoice.deepCopy();
    }

    /** The period ran out on a subscription set to cancel at its end: Stripe deletes it. */
    public ObjectNode endAtPeriodEnd(String subId) {
        ObjectNode sub = subscriptions.get(subId);
        long end = item(sub).get("current_period_end").asLong();
        sub.put("status", "canceled").put("ended_at", end).put("canceled_at", end);
        return sub.deepCopy();
    }

    public ObjectNode invoice(String invoiceId) {
        return invoices.get(invoiceId).deepCopy();
    }

    public ObjectNode subscription(String subId) {
        return subscriptions.get(subId).deepCopy();
    }

    /** An event of {@code type} around {@code object} (with {@code previous_attributes} when not null), signed with {@code webhookSecret} at {@code at}. */
    public Signed signed(String type, ObjectNode object, ObjectNode previous, String webhookSecret, Instant at) {
        ObjectNode event = FakeStripe.fixture("event");
        String id = "evt_" + stripe.nextId();
        event.put("id", id).put("type", type).put("created", at.getEpochSecond());
        ObjectNode data = event.putObject("data");
        data.set("object", object);
        if (previous != null) {
            data.set("previous_attributes", previous);
        }
        String body = event.toString();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((at.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8));
            return new Signed(id, body, "t=" + at.getEpochSecond() + ",v1=" + HexFormat.of().formatHex(mac.doFinal()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Stored route(String method, String path, Map<String, String> params) {
        try {
            if (path.equals("/v1/billing_portal/sessions") && method.equals("POST")) {
                return portal(params);
            }
            ObjectNode sub = subscriptions.get(path.substring("/v1/subscriptions/".length()));
            if (sub == null) {
                return new Stored("", 404, FakeStripe.error("invalid_request_error", "resource_missing", "No such subscription: '"
                        + path.substring("/v1/subscriptions/".length()) + "'"));
            }
            switch (method) {
                case "POST" -> {
                    if ("canceled".equals(sub.get("status").asText())) {
                        return new Stored("", 400, FakeStripe.error("invalid_request_error", null,
                                "A canceled subscription can only update its cancellation_details and metadata."));
                    }
                    if (params.containsKey("cancel_at_period_end")) {
                        boolean cancel = Boolean.parseBoolean(params.get("cancel_at_period_end"));
                        sub.put("cancel_at_period_end", cancel);
                        if (cancel) {
                            sub.put("cancel_at", item(sub).get("current_period_end").asLong());
                        } else {
                            sub.putNull("cancel_at");
                        }
                    }
                }
                case "DELETE" -> {
                    if ("canceled".equals(sub.get("status").asText())) {
                        return new Stored("", 400, FakeStripe.error("invalid_request_error", "resource_missing",
                                "No such subscription: '" + sub.get("id").asText() + "'"));
                    }
                    long now = stripe.clockNow().getEpochSecond();
                    sub.put("status", "canceled").put("canceled_at", now).put("ended_at", now);
                }
                default -> {
                }
            }
            return new Stored("", 200, FakeStripe.JSON.writeValueAsString(sub));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stored portal(Map<String, String> params) throws IOException {
        ObjectNode portal = FakeStripe.fixture("billing_portal.session");
        String id = "bps_" + stripe.nextId();
        portal.put("id", id).put("customer", params.get("customer")).put("return_url", params.get("return_url"))
                .put("url", "https://billing.stripe.com/p/session/test_" + id).putNull("flow").put("created", stripe.clockNow().getEpochSecond());
        return new Stored("", 200, FakeStripe.JSON.writeValueAsString(portal));
    }

    /** An invoice of the period [start, end); {@code fixedAmount} -1: the price times the quantity. */
    private ObjectNode invoice(ObjectNode sub, Instant start, Instant end, String reason, boolean paid, long fixedAmount) {
        ObjectNode item = item(sub);
        long amount = fixedAmount >= 0 ? fixedAmount : item.get("price").get("unit_amount").asLong() * item.get("quantity").asLong();
        String id = "in_" + stripe.nextId();
        ObjectNode invoice = FakeStripe.fixture("invoice");
        invoice.put("id", id).put("customer", sub.get("customer").asText()).put("currency", sub.get("currency").asText())
                .put("amount_due", amount).put("amount_paid", paid ? amount : 0).put("amount_remaining", paid ? 0 : amount)
                .put("total", amount).put("subtotal", amount).put("status", paid ? "paid" : "open").put("billing_reason", reason)
                .put("attempt_count", 1).put("attempted", true).put("created", start.getEpochSecond())
                .put("period_start", start.getEpochSecond()).put("period_end", start.getEpochSecond()).putNull("subscription");
        ObjectNode parent = invoice.putObject("parent").put("type", "subscription_details");
        parent.putNull("quote_details");
        parent.putObject("subscription_details").put("subscription", sub.get("id").asText()).set("metadata", sub.get("metadata").deepCopy());
        ArrayNode lines = (ArrayNode) invoice.path("lines").path("data");
        ObjectNode line = (ObjectNode) lines.get(0);
        lines.removeAll();
        line.put("id", "il_" + stripe.nextId()).put("invoice", id).put("amount", amount).put("currency", sub.get("currency").asText())
                .put("quantity", item.get("quantity").asLong()).put("description", item.get("quantity").asLong() + " × subscription")
                .putNull("subscription");
        line.putObject("period").put("start", start.getEpochSecond()).put("end", end.getEpochSecond());
        line.putObject("metadata");
        ObjectNode lineParent = line.putObject("parent").put("type", "subscription_item_details");
        lineParent.putNull("invoice_item_details");
        lineParent.putObject("subscription_item_details").put("subscription", sub.get("id").asText())
                .put("subscription_item", item.get("id").asText()).put("proration", false).putNull("invoice_item");
        lines.add(line);
        invoices.put(id, invoice);
        if (paid) {
            item.put("current_period_start", start.getEpochSecond()).put("current_period_end", end.getEpochSecond());
        } else if (!item.has("current_period_end")) {
            item.put("current_period_end", start.getEpochSecond());
        }
        sub.put("latest_invoice", id);
        return invoice;
    }

    private static ObjectNode item(ObjectNode sub) {
        return (ObjectNode) sub.path("items").path("data").get(0);
    }

    /** The end of a period starting at {@code start}, by the subscription's price. */
    private static Instant next(ObjectNode sub, Instant start) {
        ObjectNode recurring = (ObjectNode) item(sub).get("price").get("recurring");
        long n = recurring.get("interval_count").asLong();
        ZonedDateTime s = start.atZone(ZoneOffset.UTC);
        ZonedDateTime end = switch (recurring.get("interval").asText()) {
            case "day" -> s.plusDays(n);
            case "week" -> s.plusWeeks(n);
            case "month" -> s.plusMonths(n);
            default -> s.plusYears(n);
        };
        return end.toInstant();
    }
}
