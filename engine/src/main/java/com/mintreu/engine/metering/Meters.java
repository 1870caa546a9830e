package com.mintreu.engine.metering;

import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.UsageMeter;
import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The meter {@code apiKeys.meter} names: the engine's {@link InProcessMeter}, called directly (it
 * is ours and cannot hang), or a meter plugin, called through the plugin dispatcher with its
 * timeout. A plugin meter that is not running or fails is a 503, never a guess: admitting a call
 * nobody counted would break the seller's limit, refusing it would break the customer's.
 */
@Singleton
final class Meters {

    private final ApiKeysConfig config;
    private final PluginHost host;
    private final InProcessMeter local;

    @Inject
    Meters(ApiKeysConfig config, PluginHost host, InProcessMeter local) {
        this.config = config;
        this.host = host;
        this.local = local;
    }

    /** Whether decisions are taken in this process (no plugin call, nothing that can block). */
    boolean inProcess() {
        return InProcessMeter.ID.equals(config.meter());
    }

    Decision consume(Consumption c) {
        if (inProcess()) {
            return local.consume(c);
        }
        UsageMeter meter = host.extension(UsageMeter.class, config.meter())
                .orElseThrow(() -> new ApiException(MeteringError.METER_UNAVAILABLE, "the meter '" + config.meter() + "' is not running"));
        try {
            return host.call(meter, "consume", m -> m.consume(c));
        } catch (PluginCallException e) {
            throw new ApiException(MeteringError.METER_UNAVAILABLE, "the meter '" + config.meter() + "' did not answer");
        }
    }
}
