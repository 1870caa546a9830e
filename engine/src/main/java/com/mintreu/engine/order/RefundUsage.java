package com.mintreu.engine.order;

import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Tells whether a customer already used what some order lines granted (a download, a license
 * activated on a machine), so {@link RefundAutoApproval} never approves such a refund on its own.
 * Contributed with {@code @IntoSet} by the features that know the use, so the order feature does
 * not depend on them. Called inside the refund request's transaction; reads only.
 */
public interface RefundUsage {

    /** What was used of the lines, in a few words for the decision note ("downloaded"); empty when nothing was. */
    Optional<String> used(Handle h, Collection<String> lineIds);
}
