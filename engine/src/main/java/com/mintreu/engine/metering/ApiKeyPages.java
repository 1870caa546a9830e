package com.mintreu.engine.metering;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /account/api-keys}: the customer's API purchases with their keys; forms (CSRF) to make a
 * key, rename, roll and revoke one. A new key is shown on the answer to the form that made it, and
 * never again. A form that is not accepted shows the page again with the input kept and the message
 * beside the field; another customer's ids are the 404 page.
 */
final class ApiKeyPages implements Routes {

    private static final Map<String, String> NOTICES = Map.of("renamed", "The key was renamed.",
            "revoked", "The key was revoked; it stopped working at once.");
    private static final Map<String, String> LABELS = Map.of("name", "Name");

    private final ApiKeyService keys;
    private final Clock clock;
    private final UsageStore usage;

    @Inject
    ApiKeyPages(ApiKeyService keys, Clock clock, UsageStore usage) {
        this.keys = keys;
        this.clock = clock;
        this.usage = usage;
    }

    @Override
    public void register(Router router) {
        router.get("/account/api-keys", x -> page(x, 200, Map.of()));
        router.post("/account/api-keys", x -> {
            Principal p = x.requireUser();
            Form f = x.form();
            String purchase = f.text("entitlementId");
            try {
                created(x, keys.create(p, purchase, f.text("name")), false);
            } catch (ApiException e) {
                failed(x, e, "create-" + purchase, f);
            }
        });
        router.post("/account/api-keys/{id}/name", x -> {
            Principal p = x.requireUser();
            Form f = x.form();
            try {
                keys.rename(p, x.pathParam("id"), f.text("name"));
                x.redirect("/account/api-keys?notice=renamed");
            } catch (ApiException e) {
                failed(x, e, "rename-" + x.pathParam("id"), f);
            }
        });
        router.post("/account/api-keys/{id}/roll", x -> {
            Principal p = x.requireUser();
            Form f = x.form();
            try {
                created(x, keys.roll(p, x.pathParam("id")), true);
            } catch (ApiException e) {
                failed(x, e, "roll-" + x.pathParam("id"), f);
            }
        });
        router.post("/account/api-keys/{id}/revoke", x -> {
            Principal p = x.requireUser();
            x.form();
            keys.revoke(p, x.pathParam("id"));
            x.redirect("/account/api-keys?notice=revoked");
        });
    }

    private void created(Exchange x, ApiKey.Created created, boolean rolled) {
        x.header("Cache-Control", "no-store");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("created", Map.of("id", created.key().id(), "name", created.key().name(), "secret", created.secret()));
        model.put("rolled", rolled);
        page(x, 201, model);
    }

    private void failed(Exchange x, ApiException e, String form, Form f) {
        FormErrors errors = FormErrors.from(e, form, f.values(), LABELS, Map.of()).orElseThrow(() -> e);
        page(x, e.error().status(), errors.model());
    }

    private void page(Exchange x, int status, Map<String, Object> extra) {
        Principal p = x.requireUser();
        Map<String, Object> model = new LinkedHashMap<>(extra);
        long now = clock.millis();
        model.put("purchases", keys.purchases(p).stream().map(pu -> view(pu, now, usedThisPeriod(pu.entitlement().id(), now))).toList());
        model.put("notice", x.query("notice").map(NOTICES::get).orElse(null));
        x.render(status, "account/api-keys", model);
    }

    /** Units the seller reported (POST /api/v1/usage) this billing period, per key of the purchase. */
    private Map<String, Long> usedThisPeriod(String entitlementId, long now) {
        Map<String, Long> out = new java.util.HashMap<>();
        usage.totals(entitlementId, UsageIngest.MONTH, UsageIngest.monthOf(now)).forEach(t -> out.merge(t.keyId(), t.units(), Long::sum));
        return out;
    }

    private static Map<String, Object> view(ApiKeyService.Purchase p, long now, Map<String, Long> used) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", p.entitlement().id());
        v.put("title", p.entitlement().title());
        v.put("usable", p.entitlement().usableAt(now));
        v.put("status", p.entitlement().status().name().toLowerCase(java.util.Locale.ROOT));
        v.put("expiresAt", p.entitlement().expiresAt());
        v.put("limits", limits(p.plan()));
        v.put("keys", p.keys().stream().map(k -> {
            Map<String, Object> view = key(k, now);
            view.put("usedThisPeriod", used.getOrDefault(k.id(), 0L));
            return view;
        }).toList());
        v.put("usedThisPeriod", used.values().stream().mapToLong(Long::longValue).sum());
        return v;
    }

    static Map<String, Object> key(ApiKey k, long now) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", k.id());
        v.put("name", k.name());
        v.put("prefix", k.prefix());
        v.put("status", k.status() == ApiKey.Status.ACTIVE && k.expiredAt(now) ? "expired" : k.status().id());
        v.put("createdAt", k.createdAt());
        v.put("expiresAt", k.expiresAt());
        v.put("lastUsedAt", k.lastUsedAt());
        v.put("rollable", k.status() == ApiKey.Status.ACTIVE && k.rolledTo() == null && !k.expiredAt(now));
        v.put("revocable", k.status() != ApiKey.Status.REVOKED && !k.expiredAt(now));
        return v;
    }

    /** The plan's limits in words. */
    static List<String> limits(ApiPlan plan) {
        List<String> out = new java.util.ArrayList<>();
        if (plan.monthlyQuota() != null) {
            out.add(plan.monthlyQuota() + " units a month" + (plan.hardStop() ? ", then calls are refused" : ", more billed as overage"));
        }
        if (plan.perSecond() != null) {
            out.add(plan.perSecond() + " per second");
        }
        if (plan.perMinute() != null) {
            out.add(plan.perMinute() + " per minute");
        }
        return out;
    }
}
