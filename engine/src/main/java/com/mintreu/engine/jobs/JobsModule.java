package com.mintreu.engine.jobs;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Scheduled jobs; features add theirs with {@code @IntoSet Job}. */
@Module
public interface JobsModule {

    @Binds
    @IntoSet
    Job sessionPurge(SessionPurgeJob job);
}
