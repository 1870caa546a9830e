package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sessions, signing and throttling. */
public record SecurityConfig(
        @Setting(help = "master secret for signing (32+ characters); generated and kept in the database when empty", secret = true) String secret,
        @Setting(help = "how long a browser session lives without use") Duration sessionIdleTimeout,
        @Setting(help = "failed logins allowed per account from one client IP each 15 minutes") int loginAttempts,
        @Setting(help = "password-reset requests allowed per account and per IP each hour") int resetAttempts,
        @Setting(help = "how long email-verification and password-reset links stay valid") Duration tokenTtl,
        @Setting(help = "unknown or forged license keys a client IP may send each minute before the license client API answers 429")
        int unknownKeysPerMinute,
        @Setting(help = "failed logins allowed from one client IP each 15 minutes, over all accounts") int loginAttemptsPerIp)
        implements Validated {

    static SecurityConfig defaults() {
        return new SecurityConfig("", Duration.ofDays(14), 10, 5, Duration.ofHours(1), 60, 100);
    }

    /** The limits are bucket sizes: zero or less would refuse everyone (and cannot make a bucket). */
    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (loginAttempts < 1) {
            out.add(new Problem("loginAttempts", "expected at least 1, got " + loginAttempts));
        }
        if (resetAttempts < 1) {
            out.add(new Problem("resetAttempts", "expected at least 1, got " + resetAttempts));
        }
        if (loginAttemptsPerIp < 1) {
            out.add(new Problem("loginAttemptsPerIp", "expected at least 1, got " + loginAttemptsPerIp));
        }
        if (unknownKeysPerMinute < 1) {
            out.add(new Problem("unknownKeysPerMinute", "expected at least 1, got " + unknownKeysPerMinute));
        }
        return out;
    }
}
