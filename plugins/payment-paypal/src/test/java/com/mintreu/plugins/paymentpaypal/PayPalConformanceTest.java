package com.mintreu.plugins.paymentpaypal;

import com.mintreu.testkit.gateway.GatewayConformance;
import com.mintreu.testkit.gateway.GatewayDriver;
import java.nio.file.Path;

/** PayPal passes the gateway conformance suite every gateway runs (plugin-testkit), against {@link FakePayPal}. */
class PayPalConformanceTest extends GatewayConformance {

    @Override
    protected GatewayDriver openDriver(Path dir) throws Exception {
        return new PayPalDriver(dir);
    }
}
