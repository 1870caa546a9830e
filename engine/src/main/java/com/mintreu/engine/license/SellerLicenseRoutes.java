package com.mintreu.engine.license;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;

/**
 * The seller's licenses: list with search and filters, detail with machines, validation facts and
 * audit trail, and the lifecycle actions. Admins see every seller's. The HTML pages for the same are
 * {@link SellerLicensePages}. See {@code license/README-lifecycle.md}.
 */
final class SellerLicenseRoutes implements Routes {

    private static final String BASE = "/api/v1/seller/licenses";

    private final LicenseLifecycle lifecycle;
    private final MachineService machines;
    private final SeatService seats;
    private final AuditLog audit;
    private final SellerLicensePages pages;

    @Inject
    SellerLicenseRoutes(LicenseLifecycle lifecycle, MachineService machines, SeatService seats, AuditLog audit, SellerLicensePages pages) {
        this.lifecycle = lifecycle;
        this.machines = machines;
        this.seats = seats;
        this.audit = audit;
        this.pages = pages;
    }

    /** A license as its seller sees it; {@code expiresAt} is the effective expiry. Detail-only fields are null in lists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SellerLicenseView(String id, String key, String status, String productId, String planId, String customerId, String customerEmail,
            Long expiresAt, long createdAt, Long lapsedAt, Long lastValidatedAt, long validationCount, List<ClientAnswer.MachineView> machines,
            List<AuditView> audit, List<ClientAnswer.SeatView> users) {}

    /** One audit row; {@code detail} is the stored JSON object, parsed. */
    record AuditView(String action, String actorId, String actorRole, Object detail, long at) {}

    record RevokeBody(String reason) {}

    record ExtendBody(Integer days) {}

    record TransferBody(String email) {}

    record IssueBody(String planId, String email, Integer days) {}

    @Override
    public void register(Router router) {
        router.get(BASE, x -> {
            Principal seller = x.requireRole("seller");
            PageRequest page = PageRequest.of(x);
            Long beforeAt = page.cursor() == null ? null : page.cursor().longKey();
            String beforeId = page.cursor() == null ? null : page.cursor().id();
            String status = blankToNull(x.query("status").orElse(null));
            if (status != null && !List.of("active", "suspended", "revoked").contains(status)) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("status", "one of active, suspended, revoked")));
            }
            var rows = lifecycle.search(seller, new LicenseLifecycleStore.Filter(null, blankToNull(x.query("q").orElse(null)),
                    blankToNull(x.query("email").orElse(null)), blankToNull(x.query("product").orElse(null)), status, beforeAt, beforeId, page.limit() + 1));
            x.json(200, Page.of(rows, page, r -> Cursor.of(r.license().createdAt(), r.license().id())).map(r -> view(r, false)));
        });
        router.post(BASE, x -> {
            Principal seller = x.requireRole("seller");
            IssueBody body = x.bodyJson(IssueBody.class);
            String key = x.header("Idempotency-Key").map(String::strip).orElse(null);
            if (key != null && (key.isEmpty() || key.length() > 128)) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("Idempotency-Key", "must be 1 to 128 characters")));
            }
            LicenseLifecycle.Issued issued = lifecycle.issueManual(seller, body.planId(), body.email(), body.days(), key);
            if (issued.replayed()) {
                x.header("Idempotent-Replayed", "true");
            }
            x.json(issued.replayed() ? 200 : 201, view(lifecycle.owned(seller, issued.license().id()), true));
        });
        router.get(BASE + "/{id}", x -> x.json(200, view(lifecycle.owned(x.requireRole("seller"), x.pathParam("id")), true)));
        router.post(BASE + "/{id}/suspend", x -> respond(x, lifecycle.suspend(x.requireRole("seller"), x.pathParam("id"))));
        router.post(BASE + "/{id}/reinstate", x -> respond(x, lifecycle.reinstate(x.requireRole("seller"), x.pathParam("id"))));
        router.post(BASE + "/{id}/renew", x -> respond(x, lifecycle.renew(x.requireRole("seller"), x.pathParam("id"))));
        router.post(BASE + "/{id}/revoke", x -> {
            Principal seller = x.requireRole("seller");
            String reason = x.header("Content-Type").isPresent() ? x.bodyJson(RevokeBody.class).reason() : null;
            respond(x, lifecycle.revoke(seller, x.pathParam("id"), reason == null ? null : reason.strip()));
        });
        router.post(BASE + "/{id}/extend", x -> {
            Principal seller = x.requireRole("seller");
            Integer days = x.bodyJson(ExtendBody.class).days();
            if (days == null) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("days", "required")));
            }
            respond(x, lifecycle.extend(seller, x.pathParam("id"), days));
        });
        router.post(BASE + "/{id}/transfer", x -> {
            Principal seller = x.requireRole("seller");
            respond(x, lifecycle.transfer(seller, x.pathParam("id"), x.bodyJson(TransferBody.class).email()));
        });
        pages.register(router);
    }

    private void respond(Exchange x, License changed) throws IOException {
        x.json(200, view(lifecycle.owned(x.requireUser(), changed.id()), true));
    }

    private SellerLicenseView view(LicenseLifecycleStore.Row r, boolean detail) {
        License l = r.license();
        List<ClientAnswer.MachineView> ms = detail ? machines.of(l.id()).stream().map(ClientAnswer.MachineView::of).toList() : null;
        List<AuditView> trail = detail ? audit.forSubject(LicenseLifecycle.SUBJECT, l.id(), 200).stream()
                .map(e -> new AuditView(e.action(), e.actorId(), e.actorRole(), parse(e.detail()), e.createdAt())).toList() : null;
        List<ClientAnswer.SeatView> us = detail ? seats.of(l.id()).stream().map(ClientAnswer.SeatView::of).toList() : null;
        return new SellerLicenseView(l.id(), l.key(), l.status().id(), l.productId(), l.planId(), l.customerId(), r.customerEmail(),
                lifecycle.effectiveExpiry(l), l.createdAt(), r.lapsedAt(), r.lastValidatedAt(), r.validationCount(), ms, trail, us);
    }

    private static Object parse(String json) {
        try {
            return com.mintreu.engine.web.Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return json;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int intParam(Exchange x, String name, int dflt, int min, int max) {
        String raw = x.query(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the field error
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError(name, "an integer " + min + ".." + max)));
    }
}
