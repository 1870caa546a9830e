package com.mintreu.engine.entitlement;

import com.mintreu.engine.order.RefundUsage;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.jdbi.v3.core.Handle;

/** A line counts as used once any of its grants took a use: a download that started at byte 0 (see README, "Download links"). */
final class DownloadUsage implements RefundUsage {

    @Inject
    DownloadUsage() {}

    @Override
    public Optional<String> used(Handle h, Collection<String> lineIds) {
        if (lineIds.isEmpty()) {
            return Optional.empty();
        }
        long used = h.createQuery("SELECT COUNT(*) FROM entitlements WHERE line_id IN (<lines>) AND uses > 0")
                .bindList("lines", List.copyOf(lineIds)).mapTo(Long.class).one();
        return used > 0 ? Optional.of("downloaded") : Optional.empty();
    }
}
