package com.mintreu.engine.plugin;

import com.mintreu.plugins.payoutstripeconnect.StripeConnectPayouts;
import java.nio.file.Path;

/** The payout-stripe-connect plugin zip, for engines that pay sellers through Stripe Connect (its FakeStripeConnect is in the plugin's test-jar). */
public final class PayoutTestPlugins {

    private PayoutTestPlugins() {}

    /** Stripe Java and gson are not in the zip; the plugin class loader finds them on the test class path. */
    public static Path writeStripeConnectTo(Path pluginsDir) {
        TestPluginZip.plugin(StripeConnectPayouts.ID).requires(">=0.1.0").classesFrom(Path.of(TestPluginZip.location(StripeConnectPayouts.class)))
                .writeTo(pluginsDir);
        return pluginsDir;
    }
}
