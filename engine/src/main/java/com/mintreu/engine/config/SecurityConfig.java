package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import java.time.Duration;

/** Sessions, signing and throttling. */
public record SecurityConfig(
        @Setting(help = "master secret for signing (32+ characters); generated and kept in the database when empty", secret = true) String secret,
        @Setting(help = "how long a browser session lives without use") Duration sessionIdleTimeout,
        @Setting(help = "login attempts allowed per account and per IP each 15 minutes") int loginAttempts,
        @Setting(help = "password-reset requests allowed per account and per IP each hour") int resetAttempts,
        @Setting(help = "how long email-verification and password-reset links stay valid") Duration tokenTtl) {

    static SecurityConfig defaults() {
        return new SecurityConfig("", Duration.ofDays(14), 10, 5, Duration.ofHours(1));
    }
}
