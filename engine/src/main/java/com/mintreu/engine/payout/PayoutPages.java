package com.mintreu.engine.payout;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Csv;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /admin/payouts}: run payouts now, download a run's CSV for the bank, mark each payout paid
 * with the bank's reference. {@code /seller/payouts}: a seller's payouts and the entries behind each.
 */
final class PayoutPages implements Routes {

    private static final int SHOWN = 100;

    private final PayoutService payouts;
    private final PayeeOnboarding onboarding;

    @Inject
    PayoutPages(PayoutService payouts, PayeeOnboarding onboarding) {
        this.payouts = payouts;
        this.onboarding = onboarding;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/payouts", x -> {
            x.requireRole("admin");
            String notice = switch (x.query("notice").orElse("")) {
                case "run" -> "The payout run finished; new payouts are listed below.";
                case "paid" -> "The payout is marked as paid.";
                case "failed" -> "The payout is marked as failed; the amount is back in the seller's balance for the next run.";
                default -> "";
            };
            admin(x, 200, Map.of(), notice);
        });
        router.post("/admin/payouts/run", x -> {
            x.form();
            Principal admin = x.requireRole("admin");
            payouts.run(AuditLog.Actor.of(admin, "admin"));
            x.redirect("/admin/payouts?notice=run");
        });
        router.get("/admin/payouts/runs/{id}/csv", x -> {
            x.requireRole("admin");
            List<Payout> run = payouts.ofRun(x.pathParam("id"));
            if (run.isEmpty()) {
                throw ApiException.notFound("payout run " + x.pathParam("id"));
            }
            x.header("Content-Disposition", Csv.attachment("payouts-" + x.pathParam("id") + ".csv"));
            x.send(200, "text/csv; charset=utf-8", PayoutCsv.of(run).bytes());
        });
        router.post("/admin/payouts/{id}/paid", x -> {
            Form f = x.form();
            Principal admin = x.requireRole("admin");
            Payout p = payouts.find(x.pathParam("id")).orElseThrow(() -> ApiException.notFound("payout " + x.pathParam("id")));
            try {
                PayoutRoutes.markPaid(payouts, p, PayoutRoutes.reference(f.get("reference").orElse(null)), AuditLog.Actor.of(admin, "admin"));
                x.redirect("/admin/payouts?notice=paid");
            } catch (ApiException e) {
                FormErrors failed = FormErrors.from(e, "paid-" + p.id(), f.values(), Map.of("reference", "Bank reference"), Map.of())
                        .orElseThrow(() -> e);
                admin(x, e.error().status(), failed.model(), "");
            }
        });
        router.post("/admin/payouts/{id}/failed", x -> {
            Form f = x.form();
            Principal admin = x.requireRole("admin");
            Payout p = payouts.find(x.pathParam("id")).orElseThrow(() -> ApiException.notFound("payout " + x.pathParam("id")));
            try {
                PayoutRoutes.markFailed(payouts, p, PayoutRoutes.reason(f.get("reason").orElse(null)), AuditLog.Actor.of(admin, "admin"));
                x.redirect("/admin/payouts?notice=failed");
            } catch (ApiException e) {
                FormErrors failed = FormErrors.from(e, "failed-" + p.id(), f.values(), Map.of("reason", "Why it failed"), Map.of())
                        .orElseThrow(() -> e);
                admin(x, e.error().status(), failed.model(), "");
            }
        });
        router.get("/seller/payouts", x -> {
            Principal seller = x.requireRole("seller");
            List<Map<String, Object>> rows = payouts.ofSeller(seller.userId(), PageRequest.first(SHOWN)).stream().limit(SHOWN)
                    .map(p -> Map.<String, Object>of("payout", p, "entries", payouts.entriesOf(p))).toList();
            PayeeOnboarding.View setup = onboarding.view(seller.userId());
            if (setup.needed()) {
                x.allowFormActions(onboarding.origins()); // the setup button leads to the provider's page
            }
            x.render("seller/payouts", Map.of("payouts", rows, "setup", setup));
        });
    }

    private void admin(Exchange x, int status, Map<String, Object> forms, String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("forms", Map.of());
        model.putAll(forms);
        model.put("payouts", payouts.all(null, PageRequest.first(SHOWN)).stream().limit(SHOWN).toList());
        model.put("notice", notice);
        model.put("waiting", onboarding.waiting());
        x.render(status, "admin/payouts", model);
    }
}
