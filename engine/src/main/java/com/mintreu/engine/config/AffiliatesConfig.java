package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/** The affiliate program: who may join, how long a referral lasts, what it earns. */
public record AffiliatesConfig(
        @Setting(help = "whether a new affiliate waits for an admin's approval before their links earn anything")
        boolean requireApproval,
        @Setting(help = "how many days after the last click on an affiliate link a purchase is still attributed to it")
        int cookieDays,
        @Setting(help = "the commission of the built-in affiliate-percent scheme, in basis points of what the customer paid (1000 = 10 %)")
        int rateBasisPoints,
        @Setting(help = "the id of the affiliate scheme that decides commission rates")
        String scheme) implements Validated {

    static AffiliatesConfig defaults() {
        return new AffiliatesConfig(false, 30, 1000, "affiliate-percent");
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (cookieDays < 1 || cookieDays > 365) {
            out.add(new Problem("cookieDays", "expected 1 to 365, got " + cookieDays));
        }
        if (rateBasisPoints < 0 || rateBasisPoints > 10_000) {
            out.add(new Problem("rateBasisPoints", "expected 0 to 10000, got " + rateBasisPoints));
        }
        if (scheme == null || scheme.isBlank()) {
            out.add(new Problem("scheme", "is required"));
        }
        return out;
    }
}
