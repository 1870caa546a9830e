package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.ApiException;
import java.time.Clock;
import java.util.List;
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
    private final Clock clock;

    @Inject
    SellerApplicationService(Jdbi jdbi, SellerApplicationStore store, UserStore users, MailOutbox mail, Clock clock) {
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

    SellerApplication approve(String adminId, String id) {
        return decide(adminId, id, SellerApplication.APPROVED, null);
    }

    SellerApplication reject(String adminId, String id, String rawReason) {
        Checks checks = new Checks();
        String reason = checks.paragraph("reason", rawReason, 1, 1000);
        checks.throwIfAny();
        return decide(adminId, id, SellerApplication.REJECTED, reason);
    }

    /** Status change, role grant and the applicant's mail commit together or not at all. */
    private SellerApplication decide(String adminId, String id, String status, String reason) {
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
            return store.byId(h, a.id()).orElseThrow();
        });
    }

    private static ApiException openAlready() {
        return new ApiException(AccountError.APPLICATION_OPEN, "you already have an application waiting for a decision");
    }
}
