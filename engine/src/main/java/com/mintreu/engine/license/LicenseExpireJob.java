package com.mintreu.engine.license;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records licenses whose expiry and grace have passed (see {@link LicenseJobs#markLapsed}). */
final class LicenseExpireJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(LicenseExpireJob.class);

    private final LicenseJobs work;

    @Inject
    LicenseExpireJob(LicenseJobs work) {
        this.work = work;
    }

    @Override
    public String name() {
        return "license-expire";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int lapsed = work.markLapsed();
        if (lapsed > 0) {
            LOG.info("{} license(s) lapsed", lapsed);
        }
    }
}
