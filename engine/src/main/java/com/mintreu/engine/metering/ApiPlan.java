package com.mintreu.engine.metering;

import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The limits an {@code api_key} entitlement carries, read from its grant data as the product type
 * froze it at purchase ({@code monthlyQuota}, {@code ratePerSecond}, {@code ratePerMinute},
 * {@code overageMinorPerUnit}). A quota with an overage price is counted but not enforced (the
 * overage is billed later); without one it is a hard stop. Absent or unreadable values mean "no such
 * limit" rather than blocking a paid purchase.
 */
record ApiPlan(Long monthlyQuota, Long perSecond, Long perMinute, Long overageMinorPerUnit) {

    static final String MONTHLY_QUOTA = "monthlyQuota";
    static final String RATE_PER_SECOND = "ratePerSecond";
    static final String RATE_PER_MINUTE = "ratePerMinute";
    static final String OVERAGE = "overageMinorPerUnit";

    static ApiPlan of(Map<String, String> data) {
        return new ApiPlan(number(data, MONTHLY_QUOTA), number(data, RATE_PER_SECOND), number(data, RATE_PER_MINUTE), number(data, OVERAGE));
    }

    boolean hardStop() {
        return overageMinorPerUnit == null;
    }

    List<Limit> limits() {
        return limits(null);
    }

    /** The limits, the quota counted in {@code period} (a subscription's billing period) when not null, else per calendar month. */
    List<Limit> limits(Limit.Period period) {
        List<Limit> out = new ArrayList<>(3);
        if (perSecond != null) {
            out.add(new Limit("per-second", Limit.Kind.RATE, perSecond, Window.SECOND, true));
        }
        if (perMinute != null) {
            out.add(new Limit("per-minute", Limit.Kind.RATE, perMinute, Window.MINUTE, true));
        }
        if (monthlyQuota != null) {
            out.add(new Limit("monthly", Limit.Kind.QUOTA, monthlyQuota, Window.MONTH, hardStop(), period));
        }
        return out;
    }

    private static Long number(Map<String, String> data, String name) {
        String raw = data.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.strip());
            return v >= 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
