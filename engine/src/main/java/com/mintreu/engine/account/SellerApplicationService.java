package com.mintreu.engine.account;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** Becoming a seller: one open application per customer, decided by an admin, the applicant told by mail. */
@Singleton
final class SellerApplicationService {

    static final Set<String> STATUSES = Set.of(SellerApplication.PENDING, SellerApplication.APPROVED, SellerApplication.REJECTED);

    private final Jdbi jdbi;
    private final SellerApplicationStore store;
    private final UserStore users;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    SellerApplicationService(Jdbi jdbi, SellerApplicationStore store, UserStore users, MailOutbox mail, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.jdbi = jdbi;
        this.store = store;
        this.users = users;
        this.mail = mail;
        this.clock = clock;
    }

    SellerApplication apply(String userId, String rawBusiness, String rawDescription) {
        Checks checks = new Checks();
        String business = checks.line("businessName", rawBusiness, 2, 80);
        String description = checks.paragraph("description", rawDescription, 10, 2000);
        checks.throwIfAny();
        long now = clock.millis();
        try {
            return jdbi.inTransaction(h -> {
                User user = users.byId(h, userId).orElseThrow(() -> ApiException.notFound("user"));
                if (user.roles().contains(Roles.SELLER)) {
                    throw new ApiException(AccountError.ALREADY_SELLER, "your account can sell already");
                }
                if (store.forUser(h, userId).stream().anyMatch(SellerApplication::pending)) {
                    throw openAlready();
                }
                SellerApplication a = new SellerApplication(Ids.next("sap"), userId, user.email(), user.displayName(), business, description,
                        SellerApplication.PENDING, null, now, null);
                store.insert(h, a);
                return a;
            });
        } catch (RuntimeException e) {
            // The partial unique index settles two racing submits.
            if (Sql.isUniqueViolation(e)) {
                throw openAlready();
            }
            throw e;
        }
    }

    List<SellerApplication> mine(String userId) {
        return jdbi.withHandle(h -> store.forUser(h, userId));
    }

    Page<SellerApplication> byStatus(String status, PageRequest page) {
        checkStatus(status);
        return jdbi.withHandle(h -> store.byStatus(h, status, page));
    }

    List<SellerApplication> byStatus(String status) {
        checkStatus(status);
        return jdbi.withHandle(h -> store.byStatus(h, status, 500));
    }

    private static void checkStatus(String status) {
        if (status == null || !STATUSES.contains(status)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status", "must be one of pending, approved, rejected")));
        }
    }

    SellerApplication approve(Principal admin, String id) {
        return decide(admin, id, SellerApplication.APPROVED, null);
    }

    SellerApplication reject(Principal admin, String id, String rawReason) {
        Checks checks = new Checks();
        String reason = checks.paragraph("reason", rawReason, 1, 1000);
        checks.throwIfAny();
        return decide(admin, id, SellerApplication.REJECTED, reason);
    }

    /** Status change, role grant, the applicant's mail and the audit row commit together or not at all. */
    private SellerApplication decide(Principal admin, String id, String status, String reason) {
        String adminId = admin.userId();
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            SellerApplication a = store.byId(h, id == null || id.length() > 64 ? "" : id).orElseThrow(() -> ApiException.notFound("seller application"));
            if (!store.decide(h, a.id(), status, reason, adminId, now)) {
                throw new ApiException(AccountError.APPLICATION_DECIDED, "this application was already " + a.status());
            }
            if (SellerApplication.APPROVED.equals(status)) {
                users.grantRole(h, a.userId(), Roles.SELLER, now);
                mail.enqueue(h, a.applicantEmail(), "Your seller application was approved",
                        "Hello " + a.applicantName() + ",\n\nyour application to sell as \"" + a.businessName()
                                + "\" was approved. You can list products now.", now);
            } else {
                mail.enqueue(h, a.applicantEmail(), "Your seller application was not approved",
                        "Hello " + a.applicantName() + ",\n\nyour application to sell as \"" + a.businessName()
                                + "\" was not approved.\n\nReason: " + reason + "\n\nYou may apply again.", now);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("before", a.status());
            detail.put("after", status);
            detail.put("applicant", a.userId());
            if (reason != null) {
                detail.put("reason", reason);
            }
            audit.record(h, Actor.of(admin, "admin"), SellerApplication.APPROVED.equals(status) ? "seller_application.approve"
                    : "seller_application.reject", "seller_application", a.id(), detail);
            return store.byId(h, a.id()).orElseThrow();
        });
    }

    private static ApiException openAlready() {
        return new ApiException(AccountError.APPLICATION_OPEN, "you already have an application waiting for a decision");
    }
}
