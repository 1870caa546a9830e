package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The sellers' and the admins' refund pages: {@code /seller/refunds} lists the refunds touching the
 * seller's lines (only those lines are shown), {@code /admin/refunds} every refund ({@code ?status=});
 * requests waiting for a decision come first. Approve and decline post here and come back with a
 * notice; a decline needs a note (the customer reads it). Rights and the audit rows are the
 * service's: a seller who cannot see a refund gets 404, one who sells only some of its lines 403.
 */
final class RefundPages implements Routes {

    /** A refund as a row of these pages: {@code lines} and {@code amount} are the viewer's part of it. */
    record Row(Refund refund, List<LineRow> lines, Money amount, boolean decidable) {}

    record LineRow(String title, Money amount) {}

    private static final List<String> STATUSES = Arrays.stream(RefundStatus.values()).map(RefundStatus::id).toList();
    private static final int SHOWN = 200;

    private final RefundService refunds;
    private final RefundQueries queries;

    @Inject
    RefundPages(RefundService refunds, RefundQueries queries) {
        this.refunds = refunds;
        this.queries = queries;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/refunds", x -> list(x, 200, x.requireRole("seller"), false, null));
        router.get("/admin/refunds", x -> list(x, 200, x.requireRole("admin"), true, null));
        router.post("/seller/refunds/{id}/approve", x -> decide(x, x.requireRole("seller"), false, true));
        router.post("/seller/refunds/{id}/decline", x -> decide(x, x.requireRole("seller"), false, false));
        router.post("/admin/refunds/{id}/approve", x -> decide(x, x.requireRole("admin"), true, true));
        router.post("/admin/refunds/{id}/decline", x -> decide(x, x.requireRole("admin"), true, false));
    }

    private void decide(Exchange x, Principal me, boolean admin, boolean approve) throws java.io.IOException {
        Form f = x.form();
        String id = x.pathParam("id");
        refunds.visibleTo(me, id); // a refund of someone else's lines is not there (404), whatever was typed
        String note = f.text("note");
        try {
            if (!approve && note.isBlank()) {
                throw ApiException.invalid(List.of(new FieldError("note", "say why you decline: the customer reads it")));
            }
            Refund r = approve ? refunds.approve(me, id, note) : refunds.decline(me, id, note);
            x.redirect((admin ? "/admin/refunds" : "/seller/refunds") + "?notice=" + (approve ? "approved" : "declined") + "&refund=" + r.id());
        } catch (ApiException e) {
            FormErrors errors = FormErrors.from(e, "decide-" + id, f.values(), Map.of("note", approve ? "Note" : "Why you decline"), Map.of())
                    .orElseThrow(() -> e);
            list(x, e.error().status(), me, admin, errors);
        }
    }

    private void list(Exchange x, int code, Principal me, boolean admin, FormErrors errors) {
        // an unknown status in the address shows every refund rather than an error page
        Optional<RefundStatus> status = admin ? x.query("status").filter(STATUSES::contains).map(RefundStatus::of) : Optional.empty();
        List<Refund> shown = new ArrayList<>();
        if (status.isPresent()) {
            shown.addAll(fetch(me, admin, status.get()));
        } else {
            shown.addAll(fetch(me, admin, RefundStatus.REQUESTED));
            fetch(me, admin, null).stream().filter(r -> r.status() != RefundStatus.REQUESTED).forEach(shown::add);
        }
        Map<String, String> titles = queries.titles(shown);
        Map<String, Object> model = new HashMap<>(errors == null ? Map.of() : errors.model());
        model.put("rows", shown.stream().map(r -> row(r, me, admin, titles)).toList());
        model.put("status", status.map(RefundStatus::id).orElse(""));
        model.put("statuses", STATUSES);
        model.put("notice", errors != null ? "" : switch (x.query("notice").orElse("")) {
            case "approved" -> "The refund was approved and sent to the payment provider; its status is below.";
            case "declined" -> "The refund was declined; the customer was told why.";
            default -> "";
        });
        x.render(code, admin ? "admin/refunds" : "seller/refunds", model);
    }

    private List<Refund> fetch(Principal me, boolean admin, RefundStatus status) {
        return admin ? refunds.all(status, null, SHOWN) : refunds.ofSeller(me, status, null, SHOWN);
    }

    private static Row row(Refund r, Principal me, boolean admin, Map<String, String> titles) {
        List<Refund.Line> mine = r.lines().stream().filter(l -> admin || l.sellerId().equals(me.userId())).toList();
        Money amount = mine.stream().map(Refund.Line::amount).reduce(Money.zero(r.amount().currency()), Money::plus);
        boolean decidable = r.status() == RefundStatus.REQUESTED && (admin || r.concernsOnlySeller(me.userId()));
        return new Row(r, mine.stream().map(l -> new LineRow(titles.getOrDefault(l.lineId(), l.lineId()), l.amount())).toList(), amount, decidable);
    }
}
