package com.mintreu.engine.license;

/** A device a license is activated on, identified per license by its fingerprint. Times are epoch ms. */
public record Machine(String id, String licenseId, String fingerprint, String name, String platform, String hostname, Integer cores,
        long createdAt, long lastHeartbeatAt) {

    /** Dead when the policy wants heartbeats and none came for a whole interval. */
    public boolean deadAt(long now, Policy policy) {
        return policy.heartbeatSeconds() != null && now - lastHeartbeatAt > policy.heartbeatSeconds() * 1000;
    }
}
