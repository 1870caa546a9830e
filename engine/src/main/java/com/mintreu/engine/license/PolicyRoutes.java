package com.mintreu.engine.license;

import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/** A seller reads and replaces the license policy of a plan they sell (admins: any plan). */
final class PolicyRoutes implements Routes {

    private final PolicyService policies;

    @Inject
    PolicyRoutes(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/plans/{planId}/license-policy", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, PolicyView.of(x.pathParam("planId"), policies.owned(seller, x.pathParam("planId"))));
        });
        router.put("/api/v1/seller/plans/{planId}/license-policy", x -> {
            Principal seller = x.requireRole("seller");
            PolicyInput input = x.bodyJson(PolicyInput.class);
            x.json(200, PolicyView.of(x.pathParam("planId"), policies.update(seller, x.pathParam("planId"), input)));
        });
    }

    /** The policy as JSON; {@code isDefault} when the plan has no stored policy. Durations in seconds. */
    record PolicyView(String planId, boolean isDefault, Long durationSeconds, String expiryBasis, String expiryStrategy, long graceSeconds,
            boolean floating, int maxMachines, Integer maxUsers, boolean requireFingerprint, Long heartbeatSeconds, Long checkInSeconds,
            java.util.List<String> entitlements, int activationsPerHour, boolean transferAllowed) {
        static PolicyView of(String planId, Policy p) {
            return new PolicyView(planId, p.id() == null, p.durationSeconds(), p.expiryBasis().id(), p.expiryStrategy().id(), p.graceSeconds(),
                    p.floating(), p.machineLimit(), p.maxUsers(), p.requireFingerprint(), p.heartbeatSeconds(), p.checkInSeconds(),
                    p.entitlements(), p.activationsPerHour(), p.transferAllowed());
        }
    }
}
