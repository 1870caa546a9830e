package com.mintreu.engine.notify;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.MailConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.OutboxConfig;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import java.util.Set;

/**
 * Outbox delivery and mail. Features subscribe to domain events with {@code @IntoSet EventSubscriber}
 * (as plugins do with an extension), and to engine-internal topics with {@code @IntoSet OutboxConsumer}.
 */
@Module
public interface NotifyModule {

    @Binds
    @IntoSet
    OutboxConsumer mail(MailConsumer consumer);

    @Multibinds
    Set<EventSubscriber> eventSubscribers();

    @Binds
    @IntoSet
    Routes outboxAdmin(OutboxAdminRoutes routes);

    @Binds
    @IntoSet
    Routes outboxAdminPages(OutboxAdminPages pages);

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
