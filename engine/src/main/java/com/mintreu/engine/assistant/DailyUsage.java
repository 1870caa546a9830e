package com.mintreu.engine.assistant;

import com.mintreu.engine.config.AssistantConfig;
import com.mintreu.engine.security.Secrets;
import com.mintreu.engine.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The assistant's daily caps: {@code assistant.dailyLimit} answers per UTC day for the whole shop
 * and {@code assistant.perVisitorDailyLimit} for one visitor (a signed-in user, else one IP address).
 * Both counts are taken in one transaction, each by a conditional UPDATE, so a refused question
 * counts for neither and no number of concurrent questions on any number of nodes passes a cap.
 */
@Singleton
final class DailyUsage {

    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    /** Today's figures for the admin. */
    record Today(int used, int limit, int perVisitorLimit) {}

    private final Jdbi jdbi;
    private final UsageStore store;
    private final AssistantConfig config;
    private final Clock clock;
    private final byte[] visitorKey;

    @Inject
    DailyUsage(Jdbi jdbi, UsageStore store, AssistantConfig config, Clock clock, Secrets secrets) {
        this.jdbi = jdbi;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.visitorKey = secrets.derive("assistant-visitor");
    }

    /**
     * Counts one answer for {@code visitor} (from {@link #visitor}) and the shop.
     *
     * @throws ApiException 429 {@code ASSISTANT_LIMIT_REACHED} with a Retry-After to midnight UTC when either cap is reached
     */
    void take(String visitor) {
        long now = clock.millis();
        long day = Math.floorDiv(now, DAY_MILLIS);
        try {
            jdbi.useTransaction(h -> {
                if (store.open(h, day, UsageStore.SHOP)) {
                    store.forgetVisitorsBefore(h, day); // once a day, by whoever asks first
                }
                store.open(h, day, visitor);
                // throwing rolls back the visitor's count too: a refused question counts for no one
                if (!store.take(h, day, visitor, config.perVisitorDailyLimit())) {
                    throw new CapReached("You have asked the assistant " + config.perVisitorDailyLimit()
                            + " questions today, as many as it answers for one person a day");
                }
                if (!store.take(h, day, UsageStore.SHOP, config.dailyLimit())) {
                    throw new CapReached("The assistant has answered as many questions as it may today");
                }
            });
        } catch (CapReached e) {
            long retryAfter = Math.max(1, ((day + 1) * DAY_MILLIS - now + 999) / 1000);
            throw new ApiException(AssistantError.ASSISTANT_LIMIT_REACHED, e.getMessage()
                    + "; it answers again after midnight UTC. The help articles and support tickets work as usual.", List.of(), retryAfter);
        }
    }

    private static final class CapReached extends RuntimeException {
        CapReached(String message) {
            super(message, null, false, false);
        }
    }

    Today today() {
        long day = Math.floorDiv(clock.millis(), DAY_MILLIS);
        return new Today(jdbi.withHandle(h -> store.used(h, day, UsageStore.SHOP)), config.dailyLimit(), config.perVisitorDailyLimit());
    }

    /** The subject a visitor is counted under: the user id, else a keyed hash of the IP address (the address is not stored). */
    String visitor(String userId, String ip) {
        if (userId != null) {
            return userId;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(visitorKey, "HmacSHA256"));
            return "ip:" + HexFormat.of().formatHex(mac.doFinal(String.valueOf(ip).getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
