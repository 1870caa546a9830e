package com.mintreu.engine.catalog;

import com.mintreu.engine.config.CatalogConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.db.Database;
import com.mintreu.engine.db.Dialect;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import javax.inject.Singleton;

/** Catalog bindings: the dialect's search index, the config section, API routes and pages. */
@Module
public interface CatalogModule {

    @Provides
    static CatalogConfig config(MintreuConfig config) {
        return config.catalog();
    }

    @Provides
    @Singleton
    static SearchIndex searchIndex(Database database) {
        return database.dialect() == Dialect.SQLITE ? new SearchIndex.Sqlite() : new SearchIndex.Postgres();
    }

    @Binds
    @IntoSet
    Routes api(CatalogRoutes routes);

    @Binds
    @IntoSet
    Routes media(MediaRoutes routes);

    @Binds
    @IntoSet
    Routes pages(CatalogPages pages);

    @Binds
    @IntoSet
    Routes reviewPages(ReviewPages pages);
}
