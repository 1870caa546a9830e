package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Signed webhooks to sellers: which targets may be called, how long a rotated secret keeps signing, how long a call may take, how long the log is kept. */
public record WebhooksConfig(
        @Setting(help = "allow endpoints on loopback, private, link-local, multicast or unspecified addresses (tests, a closed network); off by default against SSRF")
        boolean allowPrivateTargets,
        @Setting(help = "how long the secret before a rotation still signs deliveries beside the new one") Duration rotationOverlap,
        @Setting(help = "how long one delivery may take, connecting included, before it counts as failed") Duration timeout,
        @Setting(help = "how long delivered and failed messages stay in the delivery log") Duration logRetention) implements Validated {

    static WebhooksConfig defaults() {
        return new WebhooksConfig(false, Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofDays(30));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (rotationOverlap.isNegative() || rotationOverlap.compareTo(Duration.ofDays(7)) > 0) {
            out.add(new Problem("rotationOverlap", "expected 0 to 7 days, got " + ConfigBinder.formatDuration(rotationOverlap)));
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            out.add(new Problem("timeout", "expected 1 to 60 seconds, got " + ConfigBinder.formatDuration(timeout)));
        }
        if (logRetention.compareTo(Duration.ofDays(4)) < 0 || logRetention.compareTo(Duration.ofDays(366)) > 0) {
            out.add(new Problem("logRetention", "expected 4 to 366 days (longer than the 3 days of retries), got " + ConfigBinder.formatDuration(logRetention)));
        }
        return out;
    }
}
