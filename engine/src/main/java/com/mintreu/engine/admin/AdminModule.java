package com.mintreu.engine.admin;

import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Admin pages and API. */
@Module
public interface AdminModule {

    @Binds
    @IntoSet
    Routes plugins(PluginAdminRoutes routes);

    @Binds
    @IntoSet
    Routes pluginPages(PluginAdminPages pages);

    @Binds
    @IntoSet
    Routes switches(KillSwitchRoutes routes);

    @Binds
    @IntoSet
    Routes switchPages(KillSwitchPages pages);

    @Binds
    @IntoSet
    Routes audit(AuditRoutes routes);

    @Binds
    @IntoSet
    Routes auditPages(AuditPages pages);
}
