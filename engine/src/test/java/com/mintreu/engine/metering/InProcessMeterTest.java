package com.mintreu.engine.metering;

import com.mintreu.api.metering.UsageMeter;
import com.mintreu.testkit.meter.MeterConformance;

/**
 * The engine's in-process meter against the {@link UsageMeter} contract every meter plugin passes
 * (plugin-testkit's {@link MeterConformance}: limits, windows, replays, totals, exactness under a race).
 */
class InProcessMeterTest extends MeterConformance {

    private final InProcessMeter meter = new InProcessMeter();

    @Override
    protected UsageMeter meter() {
        return meter;
    }
}
