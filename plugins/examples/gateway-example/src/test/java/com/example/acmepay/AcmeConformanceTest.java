package com.example.acmepay;

import com.mintreu.testkit.gateway.GatewayConformance;
import com.mintreu.testkit.gateway.GatewayDriver;
import java.nio.file.Path;

/** Acme Pay passes the checks every gateway must pass before the engine trusts it with money. */
class AcmeConformanceTest extends GatewayConformance {

    @Override
    protected GatewayDriver openDriver(Path dir) throws Exception {
        return new AcmeDriver(dir);
    }
}
