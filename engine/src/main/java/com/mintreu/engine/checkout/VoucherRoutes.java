package com.mintreu.engine.checkout;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.api.money.Money;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.inject.Inject;

/** Admins create and list vouchers: {@code POST/GET /api/v1/admin/vouchers}. */
final class VoucherRoutes implements Routes {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,31}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** A new voucher: exactly one of percent (1-100) or amountMinor+currency. */
    record NewVoucher(String code, Integer percent, Long amountMinor, String currency, Long expiresAt, Integer maxUses,
            Integer perCustomerLimit, List<String> productIds) {}

    private final VoucherStore store;
    private final Tx tx;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    VoucherRoutes(VoucherStore store, Tx tx, AuditLog audit, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/vouchers", x -> {
            x.requireRole("admin");
            x.json(200, store.all(PageRequest.of(x)));
        });
        router.post("/api/v1/admin/vouchers", x -> {
            var admin = x.requireRole("admin");
            Voucher v = validate(x.bodyJson(NewVoucher.class), null);
            if (store.byCode(v.code()).isPresent()) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("code", "a voucher " + v.code() + " exists already")));
            }
            // the store's own transaction joins this one, so the voucher and its audit row commit together
            tx.useTransaction(h -> {
                store.insert(v, clock.millis());
                audit.record(h, AuditLog.Actor.of(admin, "admin"), "voucher.create", "voucher", v.id(), Map.of("after", v));
            });
            x.json(201, store.byCode(v.code()).orElseThrow());
        });
    }

    /** The voucher {@code in} describes, for {@code sellerId} (null: the platform's); every wrong field is a 422 naming it. */
    static Voucher validate(NewVoucher in, String sellerId) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        String code = CheckoutService.normalize(in.code());
        if (!CODE.matcher(code).matches()) {
            errors.add(new ApiException.FieldError("code", "3 to 32 letters, digits, '-' or '_'"));
        }
        boolean percent = in.percent() != null;
        boolean fixed = in.amountMinor() != null || in.currency() != null;
        if (percent == fixed) {
            errors.add(new ApiException.FieldError("percent", "give either percent, or amountMinor and currency"));
        }
        if (percent && (in.percent() < 1 || in.percent() > 100)) {
            errors.add(new ApiException.FieldError("percent", "must be 1 to 100"));
        }
        if (fixed && (in.amountMinor() == null || in.amountMinor() < 1)) {
            errors.add(new ApiException.FieldError("amountMinor", "must be a positive amount in minor units"));
        }
        if (fixed && (in.currency() == null || !CURRENCY.matcher(in.currency()).matches() || !isCurrency(in.currency()))) {
            errors.add(new ApiException.FieldError("currency", "must be an ISO 4217 code such as EUR"));
        }
        if (in.maxUses() != null && in.maxUses() < 1) {
            errors.add(new ApiException.FieldError("maxUses", "must be at least 1"));
        }
        if (in.perCustomerLimit() != null && in.perCustomerLimit() < 1) {
            errors.add(new ApiException.FieldError("perCustomerLimit", "must be at least 1"));
        }
        List<String> products = in.productIds() == null ? List.of() : in.productIds();
        if (products.size() > 100 || products.stream().anyMatch(p -> p == null || p.length() > 64)) {
            errors.add(new ApiException.FieldError("productIds", "at most 100 product ids"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Voucher(Ids.next("vch"), code, percent ? in.percent() * 100 : null, fixed ? Money.of(in.amountMinor(), in.currency()) : null,
                in.expiresAt(), in.maxUses(), 0, in.perCustomerLimit(), Set.copyOf(products), sellerId, null);
    }

    private static boolean isCurrency(String code) {
        try {
            java.util.Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
