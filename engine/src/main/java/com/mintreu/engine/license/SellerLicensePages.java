package com.mintreu.engine.license;

import com.fasterxml.jackson.core.type.TypeReference;
import com.mintreu.api.product.ProductType;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Json;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import com.mintreu.engine.web.Router;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * The seller's license pages: {@code /seller/licenses} (the list with filters, and the form that
 * issues a manual license) and {@code /seller/licenses/{id}} (the license with its machines, seats,
 * audit trail and one CSRF form per lifecycle action). Every action lands back on the detail page
 * with a {@code ?notice=}; a bad field re-renders the form with the problem (422), any other refusal
 * is the themed error page. Same rights as the API: another seller's license is 404.
 */
final class SellerLicensePages {

    private static final Set<String> NOTICES = Set.of("issued", "suspended", "reinstated", "renewed", "extended", "revoked", "transferred");
    private static final List<String> STATUSES = List.of("active", "suspended", "revoked");

    /**
     * A license as the seller's pages show it: product title and plan name, the effective expiry and
     * grace end, machines and seats held against the policy's caps ({@code maxUsers} null: no cap).
     */
    public record Row(String id, String key, String status, String productId, String product, String planId, String plan, String customerEmail,
            Long expiresAt, Long graceEndsAt, long createdAt, Long lapsedAt, Long lastValidatedAt, long validationCount, int machines,
            int maxMachines, int users, Integer maxUsers, boolean transferAllowed) {}

    /** One audit row: the action, who did it in words, when, and its stored detail (customer ids resolved to emails). */
    public record AuditRow(String action, String who, long at, Map<String, Object> detail) {}

    /** A plan the seller can issue a license of, named as the seller knows it. */
    public record IssuablePlan(String id, String label) {}

    private final LicenseLifecycle lifecycle;
    private final MachineService machines;
    private final SeatService seats;
    private final PolicyService policies;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final PrincipalResolver people;
    private final PluginHost host;
    private final Clock clock;

    @Inject
    SellerLicensePages(LicenseLifecycle lifecycle, MachineService machines, SeatService seats, PolicyService policies, CatalogService catalog,
            AuditLog audit, PrincipalResolver people, PluginHost host, Clock clock) {
        this.lifecycle = lifecycle;
        this.machines = machines;
        this.seats = seats;
        this.policies = policies;
        this.catalog = catalog;
        this.audit = audit;
        this.people = people;
        this.host = host;
        this.clock = clock;
    }

    void register(Router router) {
        router.get("/seller/licenses", x -> renderList(x, x.requireRole("seller"), 200, Map.of()));
        router.post("/seller/licenses", x -> {
            Principal seller = x.requireRole("seller");
            Form form = x.form();
            String planId = form.get("planId").orElse("");
            String email = form.get("email").orElse("");
            String days = form.get("days").orElse("").strip();
            // the form's one-time key: a double click or a resent form finds the license the first made
            String issueKey = form.get("issueKey").map(String::strip).filter(k -> !k.isEmpty() && k.length() <= 128).orElse(null);
            try {
                Integer d = days.isEmpty() ? null : parseDays(days, "days", 36500);
                License issued = lifecycle.issueManual(seller, planId, email, d, issueKey).license();
                x.redirect("/seller/licenses/" + issued.id() + "?notice=issued");
            } catch (ApiException e) {
                if (e.fields().isEmpty()) {
                    throw e;
                }
                // the seller's typed values come back with what is wrong, as the product form does
                renderList(x, seller, 422, Map.of("issueErrors", e.fields(), "issue", Map.of("planId", planId, "email", email, "days", days)));
            }
        });
        router.get("/seller/licenses/{id}", x -> renderDetail(x, x.requireRole("seller"), x.pathParam("id"), 200, List.of()));
        router.post("/seller/licenses/{id}/{action}", x -> {
            Principal seller = x.requireRole("seller");
            Form form = x.form();
            String id = x.pathParam("id");
            String notice;
            try {
                notice = switch (x.pathParam("action")) {
                    case "suspend" -> {
                        lifecycle.suspend(seller, id);
                        yield "suspended";
                    }
                    case "reinstate" -> {
                        lifecycle.reinstate(seller, id);
                        yield "reinstated";
                    }
                    case "revoke" -> {
                        lifecycle.revoke(seller, id, blankToNull(form.get("reason").orElse(null)));
                        yield "revoked";
                    }
                    case "renew" -> {
                        lifecycle.renew(seller, id);
                        yield "renewed";
                    }
                    case "extend" -> {
                        lifecycle.extend(seller, id, parseDays(form.get("days").orElse(""), "days", 3650));
                        yield "extended";
                    }
                    case "transfer" -> {
                        lifecycle.transfer(seller, id, form.get("email").orElse(""));
                        yield "transferred";
                    }
                    default -> throw ApiException.notFound("action " + x.pathParam("action"));
                };
            } catch (ApiException e) {
                if (e.fields().isEmpty()) {
                    throw e;
                }
                renderDetail(x, seller, id, 422, e.fields());
                return;
            }
            x.redirect("/seller/licenses/" + id + "?notice=" + notice);
        });
    }

    private void renderList(Exchange x, Principal seller, int status, Map<String, Object> extra) {
        String state = blankToNull(x.query("status").orElse(null));
        if (state != null && !STATUSES.contains(state)) {
            state = null;
        }
        String product = blankToNull(x.query("product").orElse(null));
        var found = lifecycle.search(seller, new LicenseLifecycleStore.Filter(null, blankToNull(x.query("q").orElse(null)),
                blankToNull(x.query("email").orElse(null)), product, state, null, null, 100));
        Names names = new Names();
        List<Product> products = catalog.sellerProducts(seller);
        Map<String, Object> model = new HashMap<>();
        model.put("licenses", found.stream().map(r -> row(r, names, machines.of(r.license().id()).size(), seats.count(r.license().id()))).toList());
        model.put("products", products);
        model.put("plans", issuablePlans(seller, products));
        model.put("q", x.query("q").orElse(""));
        model.put("email", x.query("email").orElse(""));
        model.put("status", state == null ? "" : state);
        model.put("product", product == null ? "" : product);
        model.put("issue", Map.of());
        model.put("issueErrors", List.of());
        model.put("issueKey", Ids.next("iss"));
        model.putAll(extra);
        x.render(status, "seller/licenses", model);
    }

    private void renderDetail(Exchange x, Principal seller, String id, int status, List<ApiException.FieldError> errors) {
        LicenseLifecycleStore.Row r = lifecycle.owned(seller, id);
        License l = r.license();
        Policy policy = policies.forLicense(l);
        long now = clock.millis();
        List<Machine> held = machines.of(l.id());
        List<Seat> claimed = seats.of(l.id());
        Map<String, Object> model = new HashMap<>();
        model.put("license", row(r, new Names(), held.size(), claimed.size()));
        model.put("devices", held.stream().map(m -> new LicensePages.Device(m, m.deadAt(now, policy))).toList());
        model.put("seats", claimed);
        model.put("audit", auditTrail(seller, l.id()));
        model.put("errors", errors);
        model.put("notice", x.query("notice").filter(NOTICES::contains).orElse(""));
        x.render(status, "seller/license", model);
    }

    private Row row(LicenseLifecycleStore.Row r, Names names, int machineCount, int seatCount) {
        License l = r.license();
        Policy policy = names.policy(l.planId());
        Long expires = Validator.expiresAt(l, policy);
        Long graceEnds = expires == null || policy.graceSeconds() == 0 ? null : expires + policy.graceSeconds() * 1000;
        return new Row(l.id(), l.key(), l.status().id(), l.productId(), names.product(l.productId()), l.planId(), names.plan(l.planId()), r.customerEmail(),
                expires, graceEnds, l.createdAt(), r.lapsedAt(), r.lastValidatedAt(), r.validationCount(), machineCount, policy.machineLimit(),
                seatCount, policy.maxUsers(), policy.transferAllowed());
    }

    /** Newest first. Sellers see a fellow seller's or a customer's email; an admin stays "admin" with their id, not their address. */
    private List<AuditRow> auditTrail(Principal viewer, String licenseId) {
        Map<String, String> emails = new HashMap<>();
        List<AuditRow> rows = new ArrayList<>();
        for (AuditLog.Entry e : audit.forSubject(LicenseLifecycle.SUBJECT, licenseId, 200)) {
            Map<String, Object> detail = new LinkedHashMap<>(parse(e.detail()));
            for (String key : List.of("customerId", "fromCustomer", "toCustomer")) {
                if (detail.get(key) instanceof String userId) {
                    detail.put(key + "Email", emailOf(emails, userId));
                }
            }
            String who;
            if (e.actorId() == null) {
                who = e.actorRole();
            } else if (e.actorId().equals(viewer.userId())) {
                who = "you";
            } else if ("admin".equals(e.actorRole())) {
                who = "admin " + e.actorId();
            } else {
                who = e.actorRole() + " " + emailOf(emails, e.actorId());
            }
            rows.add(new AuditRow(e.action(), who, e.createdAt(), detail));
        }
        return rows.reversed();
    }

    private String emailOf(Map<String, String> cache, String userId) {
        return cache.computeIfAbsent(userId, id -> people.byUserId(id).map(Principal::email).orElse(id));
    }

    /**
     * The seller's plans whose product comes with license keys, as its product type says (the
     * question {@code issueManual} asks); a type that is not running or fails to answer is left out.
     */
    private List<IssuablePlan> issuablePlans(Principal seller, List<Product> products) {
        List<IssuablePlan> plans = new ArrayList<>();
        for (Product p : products) {
            if (!hasLicenseKeys(p)) {
                continue;
            }
            for (Plan plan : catalog.owned(seller, p.id()).plans()) {
                plans.add(new IssuablePlan(plan.id(), p.title() + " — " + plan.name()));
            }
        }
        return plans;
    }

    private boolean hasLicenseKeys(Product p) {
        Optional<ProductType> type = host.extension(ProductType.class, p.typeId());
        if (type.isEmpty()) {
            return false;
        }
        try {
            Optional<String> scheme = host.call(type.get(), "licenseScheme", t -> t.licenseScheme(p.attributes()));
            return scheme != null && scheme.filter(s -> !s.isBlank()).isPresent();
        } catch (PluginCallException e) {
            return false;
        }
    }

    /** Product titles, plan names and policies, each looked up once per page. */
    private final class Names {
        private final Map<String, String> products = new HashMap<>();
        private final Map<String, String> plans = new HashMap<>();
        private final Map<String, Policy> policies = new HashMap<>();

        Policy policy(String planId) {
            return this.policies.computeIfAbsent(planId, SellerLicensePages.this.policies::forPlan);
        }

        String product(String id) {
            return products.computeIfAbsent(id, k -> catalog.product(k).map(Product::title).orElse(k));
        }

        String plan(String id) {
            return plans.computeIfAbsent(id, k -> catalog.plan(k).map(Plan::name).orElse(k));
        }
    }

    private static int parseDays(String raw, String field, int max) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(field, "a whole number of days, 1.." + max)));
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
