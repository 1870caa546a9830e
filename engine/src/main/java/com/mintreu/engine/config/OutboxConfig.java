package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.time.Duration;
import java.util.List;

/** Delivery of outbox rows (mails, domain events) after their transaction commits. */
public record OutboxConfig(
        @Setting(help = "how often the dispatcher looks for due messages") Duration pollInterval,
        @Setting(help = "wait before the first retry; doubles per attempt") Duration retryBase,
        @Setting(help = "longest wait between retries") Duration retryMax,
        @Setting(help = "how long one node owns a message it is delivering") Duration lease,
        @Setting(help = "failed attempts after which a delivery is dead until an admin retries it (/admin/outbox)") int maxAttempts)
        implements Validated {

    static OutboxConfig defaults() {
        return new OutboxConfig(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(5), 12);
    }

    @Override
    public List<Problem> problems() {
        return maxAttempts < 1 ? List.of(new Problem("maxAttempts", "must be at least 1")) : List.of();
    }
}
