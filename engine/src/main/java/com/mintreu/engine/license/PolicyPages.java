package com.mintreu.engine.license;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * The seller's page for a plan's license policy, {@code /seller/plans/{planId}/license-policy}: the
 * form of {@code PUT /api/v1/seller/plans/{planId}/license-policy} in the units a person thinks in
 * (days, minutes) and converted to the API's seconds. Same rights as the API (another seller's plan
 * 404, customers 403); a bad field re-renders the form with the problem and what was typed (422).
 */
final class PolicyPages implements Routes {

    private static final long DAY = 86_400;
    private static final long MINUTE = 60;

    /** A duration field of the form: its name, the API field it fills, its unit in seconds and the unit's name. */
    private record Span(String field, String apiField, long unit, String unitName) {}

    private static final List<Span> SPANS = List.of(new Span("durationDays", "durationSeconds", DAY, "days"),
            new Span("graceDays", "graceSeconds", DAY, "days"), new Span("heartbeatMinutes", "heartbeatSeconds", MINUTE, "minutes"),
            new Span("checkInDays", "checkInSeconds", DAY, "days"));

    /** The form's labels, for the summary of what to fix (the API's field names never reach the seller). */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("durationDays", "Duration in days"),
            Map.entry("expiryBasis", "Duration counts from"), Map.entry("expiryStrategy", "After expiry and grace"),
            Map.entry("graceDays", "Grace period in days"), Map.entry("floating", "Floating"), Map.entry("maxMachines", "Max machines"),
            Map.entry("maxUsers", "Max users (seats)"), Map.entry("requireFingerprint", "Require a machine fingerprint"),
            Map.entry("heartbeatMinutes", "Heartbeat interval in minutes"), Map.entry("checkInDays", "Check-in interval in days"),
            Map.entry("entitlements", "Entitlements"), Map.entry("activationsPerHour", "Activations per hour"),
            Map.entry("transferAllowed", "Allow transferring a license"));

    private final PolicyService policies;
    private final CatalogService catalog;

    @Inject
    PolicyPages(PolicyService policies, CatalogService catalog) {
        this.policies = policies;
        this.catalog = catalog;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/plans/{planId}/license-policy", x -> {
            Principal seller = x.requireRole("seller");
            String planId = x.pathParam("planId");
            Policy p = policies.owned(seller, planId);
            render(x, planId, 200, shown(p), p.id() == null, List.of(), x.query("notice").filter("saved"::equals).orElse(""));
        });
        router.post("/seller/plans/{planId}/license-policy", x -> {
            Principal seller = x.requireRole("seller");
            String planId = x.pathParam("planId");
            Form form = x.form();
            policies.owned(seller, planId); // someone else's plan is 404 whatever the form holds
            List<FieldError> errors = new ArrayList<>();
            PolicyInput input = input(form, errors);
            try {
                if (errors.isEmpty()) {
                    policies.update(seller, planId, input);
                    x.redirect("/seller/plans/" + planId + "/license-policy?notice=saved");
                    return;
                }
                input.toPolicy(); // the API's own checks of the fields that did parse, shown together with the unparsable ones
            } catch (ApiException e) {
                if (e.fields().isEmpty()) {
                    throw e;
                }
                errors.addAll(e.fields().stream().map(PolicyPages::inFormTerms).toList());
            }
            Map<String, String> typed = new HashMap<>(form.values());
            for (String box : List.of("floating", "requireFingerprint", "transferAllowed")) {
                typed.put(box, String.valueOf(form.get(box).isPresent()));
            }
            render(x, planId, 422, typed, false, errors, "");
        });
    }

    private void render(Exchange x, String planId, int status, Map<String, String> values, boolean isDefault, List<FieldError> errors,
            String notice) {
        Plan plan = catalog.plan(planId).orElseThrow(() -> ApiException.notFound("plan " + planId));
        Product product = catalog.product(plan.productId()).orElseThrow(() -> ApiException.notFound("plan " + planId));
        Map<String, Object> model = new HashMap<>(errors.isEmpty() ? Map.of() : FormErrors.of("policy", values, errors, LABELS).model());
        model.put("plan", plan);
        model.put("product", product);
        model.put("policy", values);
        model.put("isDefault", isDefault);
        model.put("notice", notice);
        x.render(status, "seller/license-policy", model);
    }

    /** The policy as the form's text values, durations in the form's units. */
    private static Map<String, String> shown(Policy p) {
        Map<String, String> v = new HashMap<>();
        Map<String, Long> seconds = new HashMap<>();
        seconds.put("durationSeconds", p.durationSeconds());
        seconds.put("graceSeconds", p.graceSeconds() == 0 ? null : p.graceSeconds());
        seconds.put("heartbeatSeconds", p.heartbeatSeconds());
        seconds.put("checkInSeconds", p.checkInSeconds());
        for (Span s : SPANS) {
            Long value = seconds.get(s.apiField());
            String text = value == null ? "" : inUnits(value, s.unit());
            v.put(s.field(), text);
            if (value != null && value % s.unit() != 0) {
                // not a whole number of units (set through the API): kept exactly unless the seller changes the shown value
                v.put(s.field() + "Exact", value + ":" + text);
            }
        }
        v.put("expiryBasis", p.expiryBasis().id());
        v.put("expiryStrategy", p.expiryStrategy().id());
        v.put("floating", String.valueOf(p.floating()));
        v.put("maxMachines", String.valueOf(p.maxMachines()));
        v.put("maxUsers", p.maxUsers() == null ? "" : String.valueOf(p.maxUsers()));
        v.put("requireFingerprint", String.valueOf(p.requireFingerprint()));
        v.put("entitlements", String.join(", ", p.entitlements()));
        v.put("activationsPerHour", String.valueOf(p.activationsPerHour()));
        v.put("transferAllowed", String.valueOf(p.transferAllowed()));
        return v;
    }

    private static String inUnits(long seconds, long unit) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(unit), 4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The API input of the form; a field that is not a number adds to {@code errors} and is left out. */
    private static PolicyInput input(Form f, List<FieldError> errors) {
        Map<String, Long> seconds = new HashMap<>();
        for (Span s : SPANS) {
            seconds.put(s.apiField(), seconds(f, s, errors));
        }
        boolean floating = f.get("floating").isPresent();
        String machines = f.text("maxMachines").strip();
        // node-locked means one machine: an emptied or untouched count does not stand in the way
        Integer maxMachines = !floating && (machines.isEmpty() || machines.equals("1")) ? Integer.valueOf(1) : whole(f, "maxMachines", errors);
        List<String> entitlements = Arrays.stream(f.text("entitlements").split("[,\\n]")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        return new PolicyInput(seconds.get("durationSeconds"), f.text("expiryBasis"), f.text("expiryStrategy"),
                seconds.get("graceSeconds") == null ? 0L : seconds.get("graceSeconds"), floating, maxMachines, whole(f, "maxUsers", errors),
                f.get("requireFingerprint").isPresent(), seconds.get("heartbeatSeconds"), seconds.get("checkInSeconds"), entitlements,
                whole(f, "activationsPerHour", errors), f.get("transferAllowed").isPresent());
    }

    /** A duration typed in days or minutes (decimals allowed) as whole seconds; empty is null. */
    private static Long seconds(Form f, Span s, List<FieldError> errors) {
        String raw = f.text(s.field()).strip();
        if (raw.isEmpty()) {
            return null;
        }
        String[] exact = f.text(s.field() + "Exact").split(":", 2);
        if (exact.length == 2 && exact[1].equals(raw)) {
            try {
                return Long.parseLong(exact[0]);
            } catch (NumberFormatException e) {
                // a tampered hidden field: read what was typed instead
            }
        }
        try {
            BigDecimal value = new BigDecimal(raw).multiply(BigDecimal.valueOf(s.unit())).setScale(0, RoundingMode.HALF_UP);
            // far out of range stays out of range (the API's check names the limits) instead of overflowing
            return value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0 ? Long.MAX_VALUE / 2 * value.signum() : value.longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new FieldError(s.field(), "a number of " + s.unitName() + ", or empty"));
            return null;
        }
    }

    private static Integer whole(Form f, String field, List<FieldError> errors) {
        String raw = f.text(field).strip();
        if (raw.isEmpty()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "a whole number"));
            return null;
        }
    }

    /** An API error on a field in seconds, named and measured as the form field it came from. */
    private static FieldError inFormTerms(FieldError e) {
        for (Span s : SPANS) {
            if (s.apiField().equals(e.field())) {
                String message = e.message();
                var m = java.util.regex.Pattern.compile("must be between (\\d+) and (\\d+)").matcher(message);
                if (m.matches()) {
                    message = "must be between " + inUnits(Long.parseLong(m.group(1)), s.unit()) + " and "
                            + inUnits(Long.parseLong(m.group(2)), s.unit()) + " " + s.unitName();
                }
                return new FieldError(s.field(), message);
            }
        }
        return e;
    }
}
