package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Payouts to sellers: the smallest amount worth paying, how often the scheduled run pays, and which method sends the money. */
public record PayoutsConfig(
        @Setting(help = "the smallest available balance paid out, in minor units of each currency (1000 = 10.00 EUR); smaller balances wait for the next run")
        long minimumMinor,
        @Setting(help = "how often the scheduled payout run pays every seller (7d weekly, 30d monthly)") Duration interval,
        @Setting(help = "the PayoutMethod that sends payouts: payout-manual (built in: CSV and mark as paid) or a started plugin's id")
        String method) implements Validated {

    static PayoutsConfig defaults() {
        return new PayoutsConfig(1000, Duration.ofDays(7), "payout-manual");
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (minimumMinor < 1) {
            out.add(new Problem("minimumMinor", "expected at least 1 minor unit, got " + minimumMinor));
        }
        if (interval.compareTo(Duration.ofHours(1)) < 0 || interval.compareTo(Duration.ofDays(92)) > 0) {
            out.add(new Problem("interval", "expected 1 hour to 92 days, got " + ConfigBinder.formatDuration(interval)));
        }
        if (method == null || !method.matches("[a-z0-9-]{1,64}")) {
            out.add(new Problem("method", "expected an extension id (lower-case letters, digits, dashes), got " + method));
        }
        return out;
    }
}
