package com.mintreu.engine.payout;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.ledger.AccountEntry;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/** Payouts as JSON: a seller's history with the entries behind each payout; the admin's runs and "mark as paid". */
public final class PayoutRoutes implements Routes {

    /** What an admin sends to mark a payout paid. */
    record Paid(String reference) {}

    /** What an admin sends when a transfer bounced or will not be made. */
    record Failed(String reason) {}

    private final PayoutService payouts;

    @Inject
    PayoutRoutes(PayoutService payouts) {
        this.payouts = payouts;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/payouts", x -> {
            Principal seller = x.requireRole("seller");
            PageRequest req = PageRequest.of(x);
            x.json(200, Page.of(payouts.ofSeller(seller.userId(), req), req, p -> Cursor.of(p.createdAt(), p.id())).map(PayoutRoutes::view));
        });
        router.get("/api/v1/seller/payouts/{id}", x -> {
            Principal seller = x.requireRole("seller");
            Payout p = own(payouts, x.pathParam("id"), seller);
            Map<String, Object> m = view(p);
            m.put("entries", payouts.entriesOf(p).stream().map(PayoutRoutes::entry).toList());
            x.json(200, m);
        });
        router.get("/api/v1/admin/payouts", x -> {
            x.requireRole("admin");
            PageRequest req = PageRequest.of(x);
            PayoutStatus status = status(x.query("status").orElse(null));
            x.json(200, Page.of(payouts.all(status, req), req, p -> Cursor.of(p.createdAt(), p.id())).map(PayoutRoutes::view));
        });
        router.post("/api/v1/admin/payouts/runs", x -> {
            Principal admin = x.requireRole("admin");
            PayoutService.Run run = payouts.run(AuditLog.Actor.of(admin, "admin"));
            x.json(201, Map.of("id", run.id(), "payouts", run.payouts().stream().map(PayoutRoutes::view).toList()));
        });
        router.post("/api/v1/admin/payouts/{id}/paid", x -> {
            Principal admin = x.requireRole("admin");
            Paid body = x.bodyJson(Paid.class);
            String reference = reference(body == null ? null : body.reference());
            Payout p = payouts.find(x.pathParam("id")).orElseThrow(() -> ApiException.notFound("payout " + x.pathParam("id")));
            x.json(200, view(markPaid(payouts, p, reference, AuditLog.Actor.of(admin, "admin"))));
        });
        router.post("/api/v1/admin/payouts/{id}/failed", x -> {
            Principal admin = x.requireRole("admin");
            Failed body = x.bodyJson(Failed.class);
            String reason = reason(body == null ? null : body.reason());
            Payout p = payouts.find(x.pathParam("id")).orElseThrow(() -> ApiException.notFound("payout " + x.pathParam("id")));
            x.json(200, view(markFailed(payouts, p, reason, AuditLog.Actor.of(admin, "admin"))));
        });
    }

    static Payout markFailed(PayoutService payouts, Payout p, String reason, AuditLog.Actor actor) {
        try {
            return payouts.fail(p.id(), reason, actor);
        } catch (IllegalStateException e) {
            throw new ApiException(PayoutError.PAYOUT_NOT_PENDING, "payout " + p.id() + " is " + payouts.find(p.id()).orElseThrow().status().id());
        }
    }

    /** Why a payout failed: 1 to 500 characters, shown to the admin and kept on the payout. */
    static String reason(String given) {
        String r = given == null ? "" : given.strip();
        if (r.isEmpty() || r.length() > 500) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "why the payout failed, 1 to 500 characters")));
        }
        return r;
    }

    static Payout own(PayoutService payouts, String id, Principal seller) {
        return payouts.find(id).filter(p -> p.account().equals(PayoutService.account(seller.userId())))
                .orElseThrow(() -> ApiException.notFound("payout " + id));
    }

    static Payout markPaid(PayoutService payouts, Payout p, String reference, AuditLog.Actor actor) {
        try {
            return payouts.markPaid(p.id(), reference, actor);
        } catch (IllegalStateException e) {
            throw new ApiException(PayoutError.PAYOUT_NOT_PENDING, "payout " + p.id() + " is " + payouts.find(p.id()).orElseThrow().status().id());
        }
    }

    /** A bank reference: 1 to 140 printable characters (what a SEPA remittance field holds). */
    static String reference(String given) {
        String r = given == null ? "" : given.strip();
        if (r.isEmpty() || r.length() > 140 || r.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reference", "the bank's reference of the transfer, 1 to 140 characters")));
        }
        return r;
    }

    static PayoutStatus status(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return PayoutStatus.of(given.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status", "one of pending, paid, failed, reversed")));
        }
    }

    /** A payout as JSON (also the affiliate API's). */
    public static Map<String, Object> view(Payout p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("runId", p.runId());
        m.put("sellerId", p.sellerId());
        m.put("payeeKind", p.payeeKind());
        m.put("account", p.account());
        m.put("amount", p.amount());
        m.put("method", p.method());
        m.put("status", p.status().id());
        m.put("reference", p.reference());
        m.put("detail", p.detail());
        m.put("createdAt", Timestamps.iso(p.createdAt()));
        m.put("updatedAt", Timestamps.iso(p.updatedAt()));
        return m;
    }

    /** An entry a payout covered, as JSON. */
    public static Map<String, Object> entry(AccountEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind());
        m.put("orderId", e.orderId());
        m.put("amount", e.amount());
        m.put("memo", e.memo());
        m.put("availableAt", Timestamps.iso(e.availableAt()));
        m.put("createdAt", Timestamps.iso(e.createdAt()));
        return m;
    }
}
