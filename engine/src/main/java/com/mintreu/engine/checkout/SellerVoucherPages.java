package com.mintreu.engine.checkout;

import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code /seller/vouchers}: the seller's vouchers, newest first, each with a form (CSRF) to disable
 * it, and a form to create one for some or all of their products. A wrong field is shown on the form
 * with what was typed; another seller's voucher is the 404 page. The amount is typed in the
 * currency's units (5.50 EUR); "valid until" is a date, the voucher working through that day (UTC).
 */
final class SellerVoucherPages implements Routes {

    private static final Map<String, String> LABELS = Map.of("code", "Code", "percent", "Percent off", "amount", "Amount off",
            "currency", "Currency", "expires", "Valid until", "maxUses", "Usage limit", "perCustomerLimit", "Uses per customer",
            "products", "Products");
    private static final Map<String, String> RENAMES = Map.of("amountMinor", "amount", "expiresAt", "expires", "productIds", "products");
    private static final Map<String, String> NOTICES = Map.of("created", "The voucher is ready: customers can use it at checkout.",
            "disabled", "The voucher is disabled: checkout no longer accepts it.");
    private static final String PRODUCT_FIELD = "product.";

    private final SellerVouchers vouchers;
    private final CatalogService catalog;
    private final Clock clock;

    @Inject
    SellerVoucherPages(SellerVouchers vouchers, CatalogService catalog, Clock clock) {
        this.vouchers = vouchers;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/vouchers", x -> page(x, x.requireRole("seller"), 200, Optional.empty()));
        router.post("/seller/vouchers", x -> {
            Principal seller = x.requireRole("seller");
            Form f = x.form();
            try {
                vouchers.create(seller, input(f));
                x.redirect("/seller/vouchers?notice=created");
            } catch (ApiException e) {
                FormErrors failed = FormErrors.from(e, "create", f.values(), LABELS, RENAMES).orElseThrow(() -> e);
                page(x, seller, e.error().status(), Optional.of(failed));
            }
        });
        router.post("/seller/vouchers/{id}/disable", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            vouchers.disable(seller, x.pathParam("id"));
            x.redirect("/seller/vouchers?notice=disabled");
        });
    }

    private void page(Exchange x, Principal seller, int status, Optional<FormErrors> failed) {
        Page<Voucher> page = vouchers.list(seller, PageRequest.of(x));
        List<Product> products = catalog.sellerProducts(seller);
        Map<String, String> titles = new HashMap<>();
        products.forEach(p -> titles.put(p.id(), p.title()));
        long now = clock.millis();
        Map<String, Object> model = new HashMap<>(failed.map(FormErrors::model).orElse(Map.of()));
        model.put("vouchers", page.data().stream().map(v -> row(v, titles, now)).toList());
        model.put("nextCursor", page.nextCursor());
        model.put("products", products.stream().map(p -> Map.of("id", p.id(), "title", p.title(), "field", PRODUCT_FIELD + p.id())).toList());
        model.put("values", failed.map(FormErrors::values).orElse(Map.of("currency", "EUR")));
        model.put("notice", failed.isPresent() ? "" : x.query("notice").map(NOTICES::get).orElse(""));
        x.render(status, "seller/vouchers", model);
    }

    private static Map<String, Object> row(Voucher v, Map<String, String> titles, long now) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", v.id());
        r.put("code", v.code());
        r.put("discount", v.percentBasisPoints() != null ? (v.percentBasisPoints() / 100) + " %" : MoneyText.format(v.amount()));
        r.put("products", v.productIds().isEmpty() ? "all your products"
                : String.join(", ", v.productIds().stream().map(id -> titles.getOrDefault(id, id)).sorted().toList()));
        r.put("uses", v.uses() + (v.maxUses() == null ? "" : " of " + v.maxUses()));
        r.put("perCustomerLimit", v.perCustomerLimit());
        r.put("expiresAt", v.expiresAt());
        r.put("status", v.disabledAt() != null ? "disabled" : v.expiresAt() != null && v.expiresAt() <= now ? "expired"
                : v.maxUses() != null && v.uses() >= v.maxUses() ? "used up" : "active");
        return r;
    }

    /** The form as the API's input; a field that cannot be read at all (not a number, not a date) is that field's error. */
    private static VoucherRoutes.NewVoucher input(Form f) {
        List<FieldError> errors = new ArrayList<>();
        Integer percent = whole(f, "percent", errors);
        String amountText = f.text("amount").strip();
        String currency = f.text("currency").strip().toUpperCase(Locale.ROOT);
        Long amount = null;
        if (!amountText.isEmpty()) {
            try {
                amount = MoneyText.parse(amountText, currency.matches("[A-Z]{3}") ? currency : "EUR").minor();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("amount", e.getMessage()));
            }
        }
        if (percent == null && amountText.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("percent", "give a percent off, or an amount off and its currency"));
        }
        if (percent != null && !amountText.isEmpty()) {
            errors.add(new FieldError("percent", "give a percent off or an amount off, not both"));
        }
        Long expiresAt = null;
        String expires = f.text("expires").strip();
        if (!expires.isEmpty()) {
            try {
                expiresAt = LocalDate.parse(expires).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("expires", "must be a date such as 2027-01-31"));
            }
        }
        Integer maxUses = whole(f, "maxUses", errors);
        Integer perCustomer = whole(f, "perCustomerLimit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<String> products = f.values().entrySet().stream().filter(e -> e.getKey().startsWith(PRODUCT_FIELD) && "on".equals(e.getValue()))
                .map(e -> e.getKey().substring(PRODUCT_FIELD.length())).sorted().toList();
        boolean fixed = amount != null;
        return new VoucherRoutes.NewVoucher(f.text("code"), percent, amount, fixed ? currency : null, expiresAt, maxUses, perCustomer, products);
    }

    private static Integer whole(Form f, String field, List<FieldError> errors) {
        String text = f.text(field).strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
    }
}
