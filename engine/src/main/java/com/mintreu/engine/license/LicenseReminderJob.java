package com.mintreu.engine.license;

import com.mintreu.engine.jobs.Job;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mails expiry reminders 7 days and 1 day before a license expires (see {@link LicenseJobs#sendReminders}). */
final class LicenseReminderJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(LicenseReminderJob.class);

    private final LicenseJobs work;

    @Inject
    LicenseReminderJob(LicenseJobs work) {
        this.work = work;
    }

    @Override
    public String name() {
        return "license-expiry-reminders";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int sent = work.sendReminders();
        if (sent > 0) {
            LOG.info("queued {} license expiry reminder(s)", sent);
        }
    }
}
