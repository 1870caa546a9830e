package com.mintreu.engine.license;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes machines that stopped sending heartbeats, so abandoned installs stop showing in the
 * customer's list. Slots are already free before this runs: activation ignores dead machines.
 */
final class MachineCullJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(MachineCullJob.class);

    private final MachineService machines;

    @Inject
    MachineCullJob(MachineService machines) {
        this.machines = machines;
    }

    @Override
    public String name() {
        return "license-machine-cull";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public void run() {
        int culled = machines.cullDead();
        if (culled > 0) {
            LOG.info("culled {} dead machine(s)", culled);
        }
    }
}
