package com.mintreu.engine.checkout;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A seller's own vouchers: created for their products only, listed, disabled. The rules of the
 * platform's vouchers hold (code format, percent or amount, limits), plus: every named product is
 * the seller's, an expiry lies in the future, and another seller's or the platform's voucher is
 * "not found". Checkout discounts only the seller's lines with them (see {@link Voucher#appliesTo}).
 */
@Singleton
final class SellerVouchers {

    private final VoucherStore store;
    private final CatalogService catalog;
    private final Tx tx;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    SellerVouchers(VoucherStore store, CatalogService catalog, Tx tx, AuditLog audit, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    Voucher create(Principal seller, VoucherRoutes.NewVoucher in) {
        Voucher v = VoucherRoutes.validate(in, seller.userId());
        List<FieldError> errors = new ArrayList<>();
        long now = clock.millis();
        if (v.expiresAt() != null && v.expiresAt() <= now) {
            errors.add(new FieldError("expiresAt", "must be in the future"));
        }
        for (String product : v.productIds().stream().sorted().toList()) {
            // someone else's product and no product at all read the same: ids of other sellers are not revealed
            if (catalog.product(product).filter(p -> Objects.equals(p.sellerId(), seller.userId())).isEmpty()) {
                errors.add(new FieldError("productIds", "not one of your products: " + product));
            }
        }
        if (store.byCode(v.code()).isPresent()) {
            errors.add(new FieldError("code", "a voucher " + v.code() + " exists already"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        try {
            tx.useTransaction(h -> {
                store.insert(v, now);
                audit.record(h, AuditLog.Actor.of(seller, "seller"), "voucher.create", "voucher", v.id(), Map.of("after", v));
            });
        } catch (UnableToExecuteStatementException e) {
            // two creations of one code raced past the check above: the unique code let one in
            if (store.byCode(v.code()).isPresent()) {
                throw ApiException.invalid(List.of(new FieldError("code", "a voucher " + v.code() + " exists already")));
            }
            throw e;
        }
        return store.byId(v.id()).orElseThrow();
    }

    Page<Voucher> list(Principal seller, PageRequest page) {
        return store.bySeller(seller.userId(), page);
    }

    /** The seller's own voucher; anyone else's (or the platform's) is a 404. */
    Voucher owned(Principal seller, String voucherId) {
        return store.byId(voucherId).filter(v -> seller.userId().equals(v.sellerId()))
                .orElseThrow(() -> ApiException.notFound("voucher " + voucherId));
    }

    /** Disables the seller's voucher; disabling a disabled one changes nothing and is not audited again. */
    Voucher disable(Principal seller, String voucherId) {
        Voucher before = owned(seller, voucherId);
        tx.useTransaction(h -> {
            if (store.disable(h, voucherId, seller.userId(), clock.millis())) {
                audit.record(h, AuditLog.Actor.of(seller, "seller"), "voucher.disable", "voucher", voucherId, Map.of("code", before.code()));
            }
        });
        return store.byId(voucherId).orElseThrow();
    }
}
