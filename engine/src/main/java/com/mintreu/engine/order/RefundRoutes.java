package com.mintreu.engine.order;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;

/**
 * The refund API: a customer asks ({@code POST /api/v1/orders/{id}/refunds}), the seller of the
 * lines or an admin decides ({@code POST /api/v1/refunds/{id}/approve|decline}), an admin refunds
 * directly ({@code POST /api/v1/admin/orders/{id}/refunds}); lists are {@code {data, nextCursor}}.
 */
final class RefundRoutes implements Routes {


    /** The body of a refund request; {@code lines} empty or absent for all that is left of the order. */
    record Ask(List<RefundService.LineAsk> lines, String reason) {}

    /** The body of a decision; {@code note} optional. */
    record Decision(String note) {}

    private final RefundService refunds;

    @Inject
    RefundRoutes(RefundService refunds) {
        this.refunds = refunds;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/orders/{id}/refunds", x -> {
            Ask ask = x.bodyJson(Ask.class);
            x.json(201, RefundView.of(refunds.request(x.requireUser(), x.pathParam("id"), ask.lines(), ask.reason())));
        });
        router.get("/api/v1/orders/{id}/refunds", x -> {
            PageRequest req = PageRequest.of(x);
            page(x, req, refunds.ofOrder(x.requireUser(), x.pathParam("id"), after(req), req.limit() + 1));
        });
        router.get("/api/v1/refunds/{id}", x -> x.json(200, RefundView.of(refunds.visibleTo(x.requireUser(), x.pathParam("id")))));
        router.post("/api/v1/refunds/{id}/approve", x -> x.json(200, RefundView.of(refunds.approve(x.requireUser(), x.pathParam("id"), note(x)))));
        router.post("/api/v1/refunds/{id}/decline", x -> x.json(200, RefundView.of(refunds.decline(x.requireUser(), x.pathParam("id"), note(x)))));
        router.get("/api/v1/seller/refunds", x -> {
            PageRequest req = PageRequest.of(x);
            page(x, req, refunds.ofSeller(x.requireRole("seller"), status(x), after(req), req.limit() + 1));
        });
        router.get("/api/v1/admin/refunds", x -> {
            x.requireRole("admin");
            PageRequest req = PageRequest.of(x);
            page(x, req, refunds.all(status(x), after(req), req.limit() + 1));
        });
        router.post("/api/v1/admin/orders/{id}/refunds", x -> {
            Principal admin = x.requireRole("admin");
            Ask ask = x.bodyJson(Ask.class);
            x.json(201, RefundView.of(refunds.refundDirectly(admin, x.pathParam("id"), ask.lines(), ask.reason())));
        });
    }

    /** The body is optional: an empty one (an API token's plain POST) has no note. */
    private static String note(Exchange x) throws IOException {
        return x.raw().getRequestContentLength() == 0 ? null : x.bodyJson(Decision.class).note();
    }

    /** Refunds page by id (newest first; ids sort by creation): the cursor carries the last id. */
    private static String after(PageRequest req) {
        return req.cursor() == null ? null : req.cursor().id();
    }

    private static RefundStatus status(Exchange x) {
        String s = x.query("status").orElse("");
        if (s.isBlank()) {
            return null;
        }
        try {
            return RefundStatus.of(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status",
                    "expected one of requested, approved, processing, succeeded, failed, declined")));
        }
    }

    /** One more row than the page was read, to know whether there is a next page. */
    private static void page(Exchange x, PageRequest req, List<Refund> rows) throws IOException {
        int limit = req.limit();
        String next = rows.size() > limit ? new Cursor("id", rows.get(limit - 1).id()).encode() : null;
        x.json(200, new Page<>(rows.stream().limit(limit).map(RefundView::of).toList(), next));
    }
}
