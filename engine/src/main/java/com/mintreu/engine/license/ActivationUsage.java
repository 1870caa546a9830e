package com.mintreu.engine.license;

import com.mintreu.engine.order.RefundUsage;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.jdbi.v3.core.Handle;

/**
 * A line counts as used once a license it granted was activated on a machine, even if that
 * machine was deactivated since ({@code first_activated_at} stays set): the software ran.
 */
final class ActivationUsage implements RefundUsage {

    @Inject
    ActivationUsage() {}

    @Override
    public Optional<String> used(Handle h, Collection<String> lineIds) {
        if (lineIds.isEmpty()) {
            return Optional.empty();
        }
        long used = h.createQuery("""
                SELECT COUNT(*) FROM licenses l JOIN entitlements e ON e.id = l.entitlement_id
                WHERE e.line_id IN (<lines>)
                  AND (l.first_activated_at IS NOT NULL OR EXISTS (SELECT 1 FROM license_machines m WHERE m.license_id = l.id))""")
                .bindList("lines", List.copyOf(lineIds)).mapTo(Long.class).one();
        return used > 0 ? Optional.of("license activated") : Optional.empty();
    }
}
