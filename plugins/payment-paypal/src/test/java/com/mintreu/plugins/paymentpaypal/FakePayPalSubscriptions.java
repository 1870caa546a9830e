package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FakePayPal}'s Subscriptions v1 side, with the shapes of PayPal's published description
 * (/work/shared/reference/paypal/billing_subscriptions_v1.json) and the catalog product call as
 * PayPal documents it: products, billing plans (trial and regular cycles, quantity), subscriptions
 * (APPROVAL_PENDING → ACTIVE → SUSPENDED / CANCELLED) and cancel, which PayPal refuses (422
 * {@code SUBSCRIPTION_STATUS_INVALID}) for a subscription already canceled. {@code PayPal-Request-Id}
 * replays are {@link FakePayPal}'s. Tests play PayPal's side: the buyer approves, PayPal bills a
 * cycle or fails to, and each returns the webhook resource PayPal would send.
 */
public final class FakePayPalSubscriptions {

    private static final Pattern SUBSCRIPTION = Pattern.compile("/v1/billing/subscriptions/(I-[A-Z0-9]+)");
    private static final Pattern CANCEL = Pattern.compile("/v1/billing/subscriptions/(I-[A-Z0-9]+)/cancel");
    private static final Set<String> UNITS = Set.of("DAY", "WEEK", "MONTH", "YEAR");

    private final FakePayPal paypal;
    private final Map<String, ObjectNode> products = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> plans = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    /** Calls that created something (replays excluded), to assert "once". */
    public final AtomicInteger productsCreated = new AtomicInteger();
    public final AtomicInteger plansCreated = new AtomicInteger();
    public final AtomicInteger subscriptionsCreated = new AtomicInteger();

    FakePayPalSubscriptions(FakePayPal paypal) {
        this.paypal = paypal;
    }

    /** The answer to a Subscriptions or catalog call, or null when the path is not one. */
    synchronized FakePayPal.Answer answer(String method, String path, String body) throws java.io.IOException {
        Matcher m;
        if (method.equals("POST") && path.equals("/v1/catalogs/products")) {
            return createProduct(FakePayPal.JSON.readTree(body));
        }
        if (method.equals("POST") && path.equals("/v1/billing/plans")) {
            return createPlan(FakePayPal.JSON.readTree(body));
        }
        if (method.equals("POST") && path.equals("/v1/billing/subscriptions")) {
            return createSubscription(FakePayPal.JSON.readTree(body));
        }
        if (method.equals("POST") && (m = CANCEL.matcher(path)).matches()) {
            return cancel(m.group(1), body.isEmpty() ? FakePayPal.JSON.createObjectNode() : FakePayPal.JSON.readTree(body));
        }
        if (method.equals("GET") && (m = SUBSCRIPTION.matcher(path)).matches()) {
            ObjectNode s = subscriptions.get(m.group(1));
            return s == null ? FakePayPal.notFound() : ok(200, s);
        }
        return null;
    }

    private FakePayPal.Answer createProduct(JsonNode request) {
        String name = request.path("name").asText("");
        String type = request.path("type").asText("");
        if (name.isEmpty() || name.length() > 127 || !Set.of("PHYSICAL", "DIGITAL", "SERVICE").contains(type)) {
            return FakePayPal.unprocessable("INVALID_PARAMETER_VALUE", 400);
        }
        ObjectNode product = ((ObjectNode) request.deepCopy()).put("id", "PROD-" + id(17)).put("create_time", Instant.now().toString());
        products.put(product.path("id").asText(), product);
        productsCreated.incrementAndGet();
        return ok(201, product);
    }

    private FakePayPal.Answer createPlan(JsonNode request) {
        if (!products.containsKey(request.path("product_id").asText()) || request.path("name").asText("").isEmpty()) {
            return FakePayPal.unprocessable("INVALID_PARAMETER_VALUE", 400);
        }
        JsonNode cycles = request.path("billing_cycles");
        if (!cycles.isArray() || cycles.isEmpty() || cycles.size() > 3) {
            return FakePayPal.unprocessable("INVALID_PARAMETER_VALUE", 400);
        }
        int regular = 0;
        for (int i = 0; i < cycles.size(); i++) {
            JsonNode c = cycles.get(i);
            JsonNode f = c.path("frequency");
            if (c.path("sequence").asInt() != i + 1 || !UNITS.contains(f.path("interval_unit").asText())
                    || f.path("interval_count").asInt(1) < 1) {
                return FakePayPal.unprocessable("INVALID_PARAMETER_VALUE", 400);
            }
            if (c.path("tenure_type").asText().equals("REGULAR")) {
                regular++;
                if (!c.path("pricing_scheme").path("fixed_price").path("value").isTextual()) {
                    return FakePayPal.unprocessable("MISSING_REQUIRED_PARAMETER", 400);
                }
            } else if (!c.path("tenure_type").asText().equals("TRIAL") || c.path("total_cycles").asInt(0) < 1) {
                // PayPal: trial cycles run a finite number of times
                return FakePayPal.unprocessable("INVALID_PARAMETER_VALUE", 400);
            }
        }
        if (regular != 1) {
            return FakePayPal.unprocessable("INVALID_PARAMETER_VALUE", 400);
        }
        ObjectNode plan = ((ObjectNode) request.deepCopy()).put("id", "P-" + id(24)).put("status", "ACTIVE")
                .put("create_time", Instant.now().toString());
        plans.put(plan.path("id").asText(), plan);
        plansCreated.incrementAndGet();
        return ok(201, plan);
    }

    private FakePayPal.Answer createSubscription(JsonNode request) {
        ObjectNode plan = plans.get(request.path("plan_id").asText());
        if (plan == null) {
            return FakePayPal.unprocessable("INVALID_RESOURCE_ID", 422);
        }
        String quantity = request.path("quantity").asText("1");
        if (!quantity.matches("[0-9]+") || (!plan.path("quantity_supported").asBoolean(false) && !quantity.equals("1"))) {
            return FakePayPal.unprocessable("QUANTITY_NOT_SUPPORTED", 422);
        }
        JsonNode context = request.path("application_context");
        if (!context.path("return_url").isTextual() || !context.path("cancel_url").isTextual()) {
            return FakePayPal.unprocessable("MISSING_REQUIRED_PARAMETER", 400);
        }
        String id = "I-" + id(12);
        ObjectNode s = FakePayPal.JSON.createObjectNode();
        s.put("id", id).put("plan_id", plan.path("id").asText()).put("status", "APPROVAL_PENDING").put("quantity", quantity)
                .put("status_update_time", Instant.now().toString()).put("create_time", Instant.now().toString())
                .put("plan_overridden", false);
        if (request.has("custom_id")) {
            s.put("custom_id", request.path("custom_id").asText());
        }
        if (request.path("subscriber").isObject()) {
            s.set("subscriber", request.path("subscriber").deepCopy());
        }
        s.put("return_url_given", context.path("return_url").asText()); // not PayPal's: where approve() sends the buyer
        ArrayNode links = s.putArray("links");
        String token = "BA-" + id(17);
        links.addObject().put("href", "https://www.paypal.com/webapps/billing/subscriptions?ba_token=" + token).put("rel", "approve").put("method", "GET");
        links.addObject().put("href", paypal.base() + "/v1/billing/subscriptions/" + id).put("rel", "edit").put("method", "PATCH");
        links.addObject().put("href", paypal.base() + "/v1/billing/subscriptions/" + id).put("rel", "self").put("method", "GET");
        subscriptions.put(id, s);
        subscriptionsCreated.incrementAndGet();
        return ok(201, s);
    }

    private FakePayPal.Answer cancel(String id, JsonNode request) {
        ObjectNode s = subscriptions.get(id);
        if (s == null) {
            return FakePayPal.notFound();
        }
        String reason = request.path("reason").asText("");
        if (reason.isEmpty() || reason.length() > 128) {
            return FakePayPal.unprocessable("MISSING_REQUIRED_PARAMETER", 400);
        }
        if (!Set.of("ACTIVE", "SUSPENDED").contains(s.path("status").asText())) {
            return FakePayPal.unprocessable("SUBSCRIPTION_STATUS_INVALID", 422);
        }
        s.put("status", "CANCELLED").put("status_change_note", reason).put("status_update_time", Instant.now().toString());
        s.with("billing_info").remove("next_billing_time");
        return new FakePayPal.Answer(204, new byte[0]);
    }

    /** The subscription as PayPal holds it (a copy), or null. */
    public synchronized ObjectNode subscription(String id) {
        ObjectNode s = subscriptions.get(id);
        return s == null ? null : clean(s);
    }

    /** The subscription whose {@code approve} link is {@code url} (where the shop sent the buyer), or null. */
    public synchronized String byApproveLink(String url) {
        for (ObjectNode s : subscriptions.values()) {
            for (JsonNode link : s.path("links")) {
                if (link.path("rel").asText().equals("approve") && link.path("href").asText().equals(url)) {
                    return s.path("id").asText();
                }
            }
        }
        return null;
    }

    /** The plan of a subscription (a copy). */
    public synchronized ObjectNode planOf(String subscriptionId) {
        return plans.get(subscriptions.get(subscriptionId).path("plan_id").asText()).deepCopy();
    }

    /** The product of a plan (a copy). */
    public synchronized ObjectNode product(String productId) {
        return products.get(productId).deepCopy();
    }

    /**
     * The buyer approves at {@code at}: ACTIVE, billing starts. Without a trial PayPal bills the
     * first cycle at once ({@link #bill} is then the test's next step, as PayPal sends the sale
     * separately); with one the first charge is due when the trial ends. Returns the subscription
     * resource of {@code BILLING.SUBSCRIPTION.ACTIVATED}.
     */
    public synchronized ObjectNode approve(String id, Instant at) {
        ObjectNode s = subscriptions.get(id);
        s.put("status", "ACTIVE").put("start_time", at.toString()).put("status_update_time", at.toString());
        s.putObject("subscriber").put("email_address", "buyer@example.com").put("payer_id", "QYR5Z8XDVJNXQ")
                .putObject("name").put("given_name", "John").put("surname", "Doe");
        ObjectNode billing = s.putObject("billing_info");
        billing.putObject("outstanding_balance").put("currency_code", unit(id).path("currency_code").asText()).put("value", "0.00");
        ArrayNode executions = billing.putArray("cycle_executions");
        for (JsonNode c : planCycles(id)) {
            executions.addObject().put("tenure_type", c.path("tenure_type").asText()).put("sequence", c.path("sequence").asInt())
                    .put("cycles_completed", 0).put("cycles_remaining", c.path("total_cycles").asInt()).put("total_cycles", c.path("total_cycles").asInt());
        }
        JsonNode trial = trial(id);
        billing.put("next_billing_time", trial == null ? at.toString() : plus(at, trial.path("frequency"), 1).toString());
        billing.put("failed_payments_count", 0);
        return clean(s);
    }

    /**
     * PayPal bills the regular cycle due at {@code at}: a completed sale of unit price × quantity,
     * {@code last_payment} set and {@code next_billing_time} one interval on. Returns the sale
     * resource of {@code PAYMENT.SALE.COMPLETED} (Payments v1 shape, as PayPal sends it).
     */
    public synchronized ObjectNode bill(String id, Instant at) {
        ObjectNode s = subscriptions.get(id);
        if (!s.path("status").asText().equals("ACTIVE")) {
            throw new IllegalStateException("PayPal bills only ACTIVE subscriptions, " + id + " is " + s.path("status").asText());
        }
        String currency = unit(id).path("currency_code").asText();
        String total = total(id);
        ObjectNode billing = s.with("billing_info");
        billing.putObject("last_payment").put("time", at.toString()).putObject("amount").put("currency_code", currency).put("value", total);
        billing.put("failed_payments_count", 0).remove("last_failed_payment");
        billing.put("next_billing_time", plus(at, regular(id).path("frequency"), 1).toString());
        for (JsonNode e : billing.path("cycle_executions")) {
            if (e.path("tenure_type").asText().equals("REGULAR")) {
                ((ObjectNode) e).put("cycles_completed", e.path("cycles_completed").asInt() + 1);
            }
        }
        ObjectNode sale = FakePayPal.JSON.createObjectNode();
        sale.put("id", id(17)).put("state", "completed").put("billing_agreement_id", id).put("payment_mode", "INSTANT_TRANSFER")
                .put("protection_eligibility", "ELIGIBLE").put("create_time", at.toString()).put("update_time", at.toString());
        sale.putObject("amount").put("total", total).put("currency", currency).putObject("details").put("subtotal", total);
        sale.putObject("transaction_fee").put("currency", currency).put("value", "0.59");
        sale.putArray("links").addObject().put("href", paypal.base() + "/v1/payments/sale/" + sale.path("id").asText())
                .put("rel", "self").put("method", "GET");
        return sale;
    }

    /**
     * The cycle due at {@code at} cannot be billed (the buyer's card was declined): the failure
     * counted, retried by PayPal in 5 days; PayPal suspends at the plan's failure threshold. Returns
     * the subscription resource of {@code BILLING.SUBSCRIPTION.PAYMENT.FAILED}.
     */
    public synchronized ObjectNode failPayment(String id, Instant at) {
        ObjectNode s = subscriptions.get(id);
        ObjectNode billing = s.with("billing_info");
        int failures = billing.path("failed_payments_count").asInt() + 1;
        billing.put("failed_payments_count", failures);
        ObjectNode failed = billing.putObject("last_failed_payment");
        failed.putObject("amount").put("currency_code", unit(id).path("currency_code").asText()).put("value", total(id));
        failed.put("time", at.toString()).put("reason_code", "PAYMENT_DENIED").put("next_payment_retry_time", at.plusSeconds(5 * 86400).toString());
        int threshold = planOf(id).path("payment_preferences").path("payment_failure_threshold").asInt(0);
        if (threshold > 0 && failures >= threshold) {
            s.put("status", "SUSPENDED").put("status_change_note", "Payment failure threshold reached").put("status_update_time", at.toString());
        }
        return clean(s);
    }

    /** The subscription resource of a {@code BILLING.SUBSCRIPTION.*} event about it now. */
    public synchronized ObjectNode resource(String id) {
        return clean(subscriptions.get(id));
    }

    /** Where PayPal sends the buyer after approving: the return_url with PayPal's parameters. */
    public synchronized String returnUrl(String id) {
        String url = subscriptions.get(id).path("return_url_given").asText();
        return url + (url.contains("?") ? "&" : "?") + "subscription_id=" + id + "&ba_token=BA-" + id(17) + "&token=" + id(17);
    }

    private JsonNode planCycles(String id) {
        return planOf(id).path("billing_cycles");
    }

    private JsonNode trial(String id) {
        for (JsonNode c : planCycles(id)) {
            if (c.path("tenure_type").asText().equals("TRIAL")) {
                return c;
            }
        }
        return null;
    }

    private JsonNode regular(String id) {
        for (JsonNode c : planCycles(id)) {
            if (c.path("tenure_type").asText().equals("REGULAR")) {
                return c;
            }
        }
        throw new IllegalStateException("plan without a regular cycle");
    }

    private JsonNode unit(String id) {
        return regular(id).path("pricing_scheme").path("fixed_price");
    }

    /** What PayPal bills per cycle: the plan's price times the subscription's quantity. */
    private String total(String id) {
        BigDecimal price = new BigDecimal(unit(id).path("value").asText());
        return price.multiply(new BigDecimal(subscriptions.get(id).path("quantity").asText("1"))).toPlainString();
    }

    private static Instant plus(Instant at, JsonNode frequency, int times) {
        int count = frequency.path("interval_count").asInt(1) * times;
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        ZonedDateTime then = switch (frequency.path("interval_unit").asText()) {
            case "DAY" -> t.plusDays(count);
            case "WEEK" -> t.plusWeeks(count);
            case "MONTH" -> t.plusMonths(count);
            case "YEAR" -> t.plusYears(count);
            default -> throw new IllegalStateException("interval " + frequency);
        };
        return then.toInstant();
    }

    private static ObjectNode clean(ObjectNode s) {
        ObjectNode copy = s.deepCopy();
        copy.remove("return_url_given");
        return copy;
    }

    private static FakePayPal.Answer ok(int status, ObjectNode body) {
        return new FakePayPal.Answer(status, clean(body).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String id(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length).toUpperCase(Locale.ROOT);
    }
}
