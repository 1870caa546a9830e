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
        Duration usageDedupWindow,
        @Setting(help = "the gateway (/gw) gives up connecting to a product's upstream after this long: 502") Duration gatewayConnectTimeout,
        @Setting(help = "the gateway gives up waiting for an upstream's answer (its status and headers) after this long: 504")
        Duration gatewayReadTimeout,
        @Setting(help = "largest request body the gateway passes to an upstream (streamed, never held in memory)") long gatewayMaxBodyBytes,
        @Setting(help = "let the gateway call upstreams on loopback or private addresses (true only for the demo or a trusted network)")
        boolean gatewayAllowPrivateUpstreams) implements Validated {

    static ApiKeysConfig defaults() {
        return new ApiKeysConfig(Duration.ofHours(24), 5, "in-process", Duration.ofDays(35), Duration.ofSeconds(5), Duration.ofSeconds(30),
                64L * 1024 * 1024, false);
    }

    /** The same settings, letting the gateway reach loopback and private upstreams ({@code mintreu demo}: its upstream is on loopback). */
    public ApiKeysConfig allowingPrivateUpstreams() {
        return new ApiKeysConfig(rollOverlap, maxKeysPerPurchase, meter, usageDedupWindow, gatewayConnectTimeout, gatewayReadTimeout,
                gatewayMaxBodyBytes, true);
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
        if (gatewayConnectTimeout.compareTo(Duration.ofMillis(100)) < 0 || gatewayConnectTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            out.add(new Problem("gatewayConnectTimeout", "expected 100ms to 1 minute, got " + ConfigBinder.formatDuration(gatewayConnectTimeout)));
        }
        if (gatewayReadTimeout.compareTo(Duration.ofMillis(100)) < 0 || gatewayReadTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            out.add(new Problem("gatewayReadTimeout", "expected 100ms to 10 minutes, got " + ConfigBinder.formatDuration(gatewayReadTimeout)));
        }
        if (gatewayMaxBodyBytes < 0) {
            out.add(new Problem("gatewayMaxBodyBytes", "expected 0 or more bytes, got " + gatewayMaxBodyBytes));
        }
        return out;
    }
}
