package com.mintreu.plugins.paymentsandbox;

import com.mintreu.testkit.gateway.GatewayConformance;
import com.mintreu.testkit.gateway.GatewayDriver;
import java.nio.file.Path;

/** The sandbox passes the gateway conformance suite every gateway runs (plugin-testkit). */
class SandboxConformanceTest extends GatewayConformance {

    @Override
    protected GatewayDriver openDriver(Path dir) throws Exception {
        return new SandboxDriver(dir);
    }
}
