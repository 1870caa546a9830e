package com.mintreu.plugins.paymentstripe;

import com.mintreu.testkit.gateway.GatewayConformance;
import com.mintreu.testkit.gateway.GatewayDriver;
import java.nio.file.Path;

/** Stripe passes the gateway conformance suite every gateway runs (plugin-testkit), against {@link FakeStripe}. */
class StripeConformanceTest extends GatewayConformance {

    @Override
    protected GatewayDriver openDriver(Path dir) {
        return new StripeDriver(dir);
    }
}
