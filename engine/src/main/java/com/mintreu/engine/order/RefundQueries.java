package com.mintreu.engine.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;

/** What the refund pages show beyond the refunds themselves: the titles of their lines, in one query a page. Read only. */
final class RefundQueries {

    private final Jdbi jdbi;

    @Inject
    RefundQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Line id to the line's title and plan, for the lines of {@code refunds}. */
    Map<String, String> titles(Collection<Refund> refunds) {
        List<String> ids = refunds.stream().flatMap(r -> r.lines().stream()).map(Refund.Line::lineId).distinct().toList();
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT id, title, plan_name FROM order_lines WHERE id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> out.put(rs.getString(1), rs.getString(2) + " (" + rs.getString(3) + ")")).list());
        return out;
    }
}
