package com.mintreu.engine.notify;

import com.mintreu.engine.config.MailConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.OutboxConfig;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** Outbox delivery and mail. Features add consumers with {@code @IntoSet OutboxConsumer}. */
@Module
public interface NotifyModule {

    @Binds
    @IntoSet
    OutboxConsumer mail(MailConsumer consumer);

    @Binds
    @IntoSet
    com.mintreu.engine.web.Routes capturedMailPages(CapturedMailPages pages);

    @Provides
    static MailConfig mailConfig(MintreuConfig config) {
        return config.mail();
    }

    @Provides
    static OutboxConfig outboxConfig(MintreuConfig config) {
        return config.outbox();
    }
}
