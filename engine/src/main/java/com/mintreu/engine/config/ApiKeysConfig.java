package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** API keys of API products: how a roll overlaps, how many keys a purchase holds, which meter counts usage, how long usage event ids are remembered. */
public record ApiKeysConfig(
        @Setting(help = "how long a rolled key keeps working beside the key that replaced it, so clients can be updated") Duration rollOverlap,
        @Setting(help = "most keys one purchase may have at a time (rolled keys still in their overlap count too)") int maxKeysPerPurchase,
        @Setting(help = "the UsageMeter that counts usage and enforces limits: in-process (this node's memory) or a meter plugin's id")
        String meter,
        @Setting(help = "how long a usage event's id is remembered, so a replay adds nothing; events older than this are refused")
        Duration usageDedupWindow) implements Validated {

    static ApiKeysConfig defaults() {
        return new ApiKeysConfig(Duration.ofHours(24), 5, "in-process", Duration.ofDays(35));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (rollOverlap.isNegative() || rollOverlap.compareTo(Duration.ofDays(30)) > 0) {
            out.add(new Problem("rollOverlap", "expected 0 to 30 days, got " + ConfigBinder.formatDuration(rollOverlap)));
        }
        if (maxKeysPerPurchase < 1 || maxKeysPerPurchase > 50) {
            out.add(new Problem("maxKeysPerPurchase", "expected 1 to 50, got " + maxKeysPerPurchase));
        }
        if (meter == null || !meter.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            out.add(new Problem("meter", "expected a meter id such as in-process, got '" + meter + "'"));
        }
        if (usageDedupWindow.compareTo(Duration.ofHours(1)) < 0 || usageDedupWindow.compareTo(Duration.ofDays(400)) > 0) {
            out.add(new Problem("usageDedupWindow", "expected 1 hour to 400 days, got " + ConfigBinder.formatDuration(usageDedupWindow)));
        }
        return out;
    }
}
