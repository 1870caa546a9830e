package com.mintreu.engine.admin;

import com.mintreu.engine.web.Timestamps;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * The audit log as JSON for admins only, {@code /api/v1/admin/audit} (cursor pages; the page and
 * the CSV: AuditPages). Filters: actor (user id), action (prefix), subject type and id, from/to
 * (dates, UTC, both inclusive).
 */
final class AuditRoutes implements Routes {

    private final AuditLog audit;

    @Inject
    AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/audit", x -> {
            x.requireRole("admin");
            x.json(200, audit.search(filter(x), PageRequest.of(x)).map(AuditRoutes::view));
        });
    }

    static AuditLog.Filter filter(Exchange x) {
        List<FieldError> errors = new ArrayList<>();
        Long from = date(x, "from", errors, 0);
        Long until = date(x, "to", errors, 1);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new AuditLog.Filter(text(x, "actor"), text(x, "action"), text(x, "subjectType"), text(x, "subjectId"), from, until);
    }

    private static String text(Exchange x, String name) {
        return x.query(name).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** A date (yyyy-mm-dd, UTC) as epoch ms at its start, plus {@code plusDays} (so "to" includes its day). */
    private static Long date(Exchange x, String name, List<FieldError> errors, int plusDays) {
        String v = text(x, name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "expected a date like 2025-01-31"));
            return null;
        }
    }

    private static Object detail(String json) {
        try {
            return com.mintreu.engine.web.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return json;
        }
    }

    private static Map<String, Object> view(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("createdAt", Timestamps.iso(e.createdAt()));
        m.put("actorId", e.actorId());
        m.put("actorRole", e.actorRole());
        m.put("ip", e.ip());
        m.put("action", e.action());
        m.put("subjectType", e.subjectType());
        m.put("subjectId", e.subjectId());
        m.put("detail", detail(e.detail()));
        return m;
    }
}
