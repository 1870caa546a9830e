package com.mintreu.engine.admin;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The audit log for admins only: {@code /admin/audit} (page) and {@code /admin/audit.csv} (every matching row), filtered as AuditRoutes. */
final class AuditPages implements Routes {

    static final int PAGE = 50;
    /** The CSV export stops here: a bigger window is narrowed with the filters. */
    static final int CSV_MAX = 100_000;

    private final AuditLog audit;

    @Inject
    AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/audit", x -> {
            x.requireRole("admin");
            Map<String, Object> model = new HashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            for (String k : List.of("actor", "action", "subjectType", "subjectId", "from", "to")) {
                query.put(k, x.query(k).orElse(""));
            }
            model.put("q", query);
            try {
                Page<AuditLog.Entry> page = audit.search(AuditRoutes.filter(x), new PageRequest(cursor(x), PAGE));
                model.put("entries", page.data());
                model.put("next", page.nextCursor() == null ? "" : nextLink(query, page.nextCursor()));
                model.put("csv", "/admin/audit.csv" + queryString(query, null));
                model.put("errors", Map.of());
            } catch (ApiException e) {
                Map<String, String> errors = new HashMap<>();
                e.fields().forEach(f -> errors.put(f.field(), f.message()));
                model.put("entries", List.of());
                model.put("next", "");
                model.put("csv", "");
                model.put("errors", errors);
            }
            x.render(model.get("errors") instanceof Map<?, ?> m && !m.isEmpty() ? 422 : 200, "admin/audit", model);
        });
        router.get("/admin/audit.csv", x -> {
            x.requireRole("admin");
            AuditLog.Filter f = AuditRoutes.filter(x);
            StringBuilder csv = new StringBuilder("created_at,actor_id,actor_role,ip,action,subject_type,subject_id,detail\r\n");
            Cursor cursor = null;
            int rows = 0;
            do {
                Page<AuditLog.Entry> page = audit.search(f, new PageRequest(cursor, 1000));
                for (AuditLog.Entry e : page.data()) {
                    csv.append(String.join(",", cell(java.time.Instant.ofEpochMilli(e.createdAt()).toString()), cell(e.actorId()),
                            cell(e.actorRole()), cell(e.ip()), cell(e.action()), cell(e.subjectType()), cell(e.subjectId()), cell(e.detail())))
                            .append("\r\n");
                }
                rows += page.data().size();
                cursor = page.nextCursor() == null ? null : Cursor.decode(page.nextCursor());
            } while (cursor != null && rows < CSV_MAX);
            x.header("Content-Disposition", "attachment; filename=\"audit.csv\"");
            x.send(200, "text/csv; charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static Cursor cursor(Exchange x) {
        String c = x.query("cursor").filter(v -> !v.isBlank()).orElse(null);
        return c == null ? null : Cursor.decode(c);
    }

    private static String nextLink(Map<String, String> query, String cursor) {
        return "/admin/audit" + queryString(query, cursor);
    }

    private static String queryString(Map<String, String> query, String cursor) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> {
            if (!v.isBlank()) {
                s.append(s.isEmpty() ? "?" : "&").append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        if (cursor != null) {
            s.append(s.isEmpty() ? "?" : "&").append("cursor=").append(java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String safe = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
