package com.mintreu.engine.payout;

import com.mintreu.api.payout.PayoutMethod;
import com.mintreu.api.payout.PayoutRequest;
import com.mintreu.api.payout.PayoutResult;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.plugin.PluginHost;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The method {@code payouts.method} names: the built-in {@code payout-manual}, or a started plugin's
 * {@link PayoutMethod}, called through the plugin dispatcher (timeout, errors) like any plugin.
 */
@Singleton
final class PayoutMethods {

    private final ManualPayoutMethod manual;
    private final PluginHost plugins;
    private final PayoutsConfig config;

    @Inject
    PayoutMethods(ManualPayoutMethod manual, PluginHost plugins, PayoutsConfig config) {
        this.manual = manual;
        this.plugins = plugins;
        this.config = config;
    }

    /** The configured method's id, recorded on each payout. */
    String id() {
        return config.method();
    }

    /** Sends one payout; throws when the configured plugin is not running or fails (the payout stays pending). */
    PayoutResult pay(PayoutRequest request) {
        if (config.method().equals(manual.id())) {
            return manual.pay(request);
        }
        PayoutMethod method = plugins.extension(PayoutMethod.class, config.method())
                .orElseThrow(() -> new IllegalStateException("payout method " + config.method() + " is not running"));
        return plugins.call(method, "pay", m -> m.pay(request));
    }
}
