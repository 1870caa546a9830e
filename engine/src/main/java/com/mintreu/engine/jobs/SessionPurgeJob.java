package com.mintreu.engine.jobs;

import com.mintreu.engine.web.session.Sessions;
import java.time.Duration;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired browser sessions, so anonymous visitors do not grow the table forever. */
final class SessionPurgeJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPurgeJob.class);

    private final Sessions sessions;

    @Inject
    SessionPurgeJob(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "session-purge";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int purged = sessions.purgeExpired();
        if (purged > 0) {
            LOG.info("purged {} expired session(s)", purged);
        }
    }
}
