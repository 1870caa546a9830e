package com.mintreu.engine.license;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import javax.inject.Inject;
import javax.inject.Singleton;

/** License policies: the one a plan's licenses follow, and the seller editing it. */
@Singleton
public final class PolicyService {

    private final PolicyStore store;
    private final CatalogService catalog;
    private final Clock clock;

    @Inject
    PolicyService(PolicyStore store, CatalogService catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The policy of a plan, {@link Policy#DEFAULTS} when it has none (or the license predates plans). */
    public Policy forPlan(String planId) {
        return planId == null ? Policy.DEFAULTS : store.byPlan(planId).orElse(Policy.DEFAULTS);
    }

    /** The policy a license follows: its plan's, with the license's own seat cap when it was sold with seats. */
    public Policy forLicense(License l) {
        Policy p = forPlan(l.planId());
        return l.maxUsers() == null ? p : p.withMaxUsers(l.maxUsers());
    }

    /** The policy of a plan whose product the caller sells (or any, for an admin); 404 otherwise. */
    Policy owned(Principal caller, String planId) {
        requireOwned(caller, planId);
        return forPlan(planId);
    }

    /** Replaces the policy of a plan the caller owns. Existing licenses follow it from the next call. */
    Policy update(Principal caller, String planId, PolicyInput input) {
        requireOwned(caller, planId);
        Policy wanted = input.toPolicy();
        String id = store.byPlan(planId).map(Policy::id).orElseGet(() -> Ids.next("pol"));
        store.upsert(wanted.forPlan(id, planId, clock.millis()));
        return forPlan(planId);
    }

    private void requireOwned(Principal caller, String planId) {
        // 404 for someone else's plan, as for a missing one: plan ids are not an oracle
        Plan plan = catalog.plan(planId).orElseThrow(() -> ApiException.notFound("plan " + planId));
        boolean mine = catalog.product(plan.productId()).filter(p -> p.sellerId().equals(caller.userId())).isPresent();
        if (!mine && !caller.isAdmin()) {
            throw ApiException.notFound("plan " + planId);
        }
    }
}
